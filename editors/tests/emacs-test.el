;;; emacs-test.el --- diplint through eglot in batch Emacs  -*- lexical-binding: t -*-
;;
;; emacs --batch -l emacs-test.el, in a folder with report.md and notes.txt, with `diplint' on
;; PATH and DIPLINT_EDITORS_README naming editors/README.md: evaluates the eglot snippet of the
;; README (between its "begin: emacs-eglot" and "end: emacs-eglot" markers), opens the files and
;; checks flymake's diagnostics. Prints "ok - ..." per check and "N passed, N failed" last.

(require 'cl-lib)
(require 'flymake)
(require 'markdown-mode)
(require 'eglot)

(defvar diplint-test-passed 0)
(defvar diplint-test-failed 0)

(defun diplint-test-out (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defmacro diplint-test-check (name &rest body)
  (declare (indent 1))
  `(let ((started (float-time)))
     (condition-case err
         (progn ,@body
                (cl-incf diplint-test-passed)
                (diplint-test-out "ok - [emacs] %s (%d ms)" ,name (* 1000 (- (float-time) started))))
       (error (cl-incf diplint-test-failed)
              (diplint-test-out "not ok - [emacs] %s\n  %s" ,name (error-message-string err))))))

(defun diplint-test-readme-snippet ()
  "The Emacs Lisp between the emacs-eglot markers of the README."
  (with-temp-buffer
    (insert-file-contents (getenv "DIPLINT_EDITORS_README"))
    (goto-char (point-min))
    (let* ((start (progn (search-forward "<!-- begin: emacs-eglot")
                         (search-forward "```elisp\n")))
           (end (progn (search-forward "```") (match-beginning 0))))
      (buffer-substring-no-properties start end))))

(defun diplint-test-eval (code)
  (with-temp-buffer
    (insert code)
    (goto-char (point-min))
    (condition-case nil
        (while t (eval (read (current-buffer)) t))
      (end-of-file nil))))

(defun diplint-test-diagnostics ()
  "Flymake's diagnostics as (TEXT-COVERED . MESSAGE)."
  (mapcar (lambda (d)
            (cons (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d))
                  (flymake-diagnostic-text d)))
          (flymake-diagnostics)))

(defun diplint-test-wait-for (covered timeout)
  "Waits until diagnostics cover each string in COVERED; returns them."
  (let ((deadline (+ (float-time) timeout)) found)
    (while (and (< (float-time) deadline)
                (not (cl-every (lambda (text) (assoc text found)) covered)))
      (accept-process-output nil 0.05)
      ;; Flymake runs from timers and window events that batch mode never has.
      (flymake-start nil t)
      (setq found (diplint-test-diagnostics)))
    (unless (cl-every (lambda (text) (assoc text found)) covered)
      (error "diagnostics cover %S, expected %S" (mapcar #'car found) covered))
    found))

(defun diplint-test-connect ()
  "Runs what `eglot-ensure' left for the next command; batch mode runs no command loop."
  (run-hooks 'post-command-hook)
  (unless (eglot-current-server) (error "eglot did not start a server for %s" (buffer-name))))

(setq eglot-sync-connect 10
      eglot-autoshutdown nil
      eglot-events-buffer-size 0)

(let ((server nil))
  (diplint-test-check "the README's eglot snippet loads"
    (diplint-test-eval (diplint-test-readme-snippet)))

  (diplint-test-check "diagnostics in a Markdown file: the weekday and the country"
    (find-file "report.md")
    (unless (eq major-mode 'markdown-mode) (error "report.md is in %s" major-mode))
    (diplint-test-connect)
    (setq server (eglot-current-server))
    (dolist (found (diplint-test-wait-for '("Thursday" "Phillipines") 20))
      (diplint-test-out "  %s: %s" (car found) (cdr found))))

  (diplint-test-check "diagnostics in a plain-text file, from the same server"
    (find-file "notes.txt")
    (unless (eq major-mode 'text-mode) (error "notes.txt is in %s" major-mode))
    (diplint-test-connect)
    (unless (eq (eglot-current-server) server) (error "a second server started"))
    (dolist (found (diplint-test-wait-for '("!-- Google tag (gtag.js) -->") 20))
      (diplint-test-out "  %s: %s" (car found) (cdr found))))

  (diplint-test-check "eglot-shutdown leaves no server behind"
    (let ((process (jsonrpc--process server)))
      (eglot-shutdown server)
      (let ((deadline (+ (float-time) 5)))
        (while (and (process-live-p process) (< (float-time) deadline))
          (accept-process-output nil 0.05)))
      (when (process-live-p process) (error "the server process is still running")))))

(diplint-test-out "%d passed, %d failed" diplint-test-passed diplint-test-failed)
(kill-emacs (if (zerop diplint-test-failed) 0 1))
