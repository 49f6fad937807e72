-- Headless Neovim against the real diplint server, through the plugin in editors/nvim.
--   nvim --headless -u NONE -c "luafile nvim-test.lua" report.md
-- Environment: DIPLINT (the binary), DIPLINT_NVIM_PLUGIN (editors/nvim),
--   DIPLINT_NVIM_MODE = "setup" (require("diplint").setup{}) or "enable" (0.11's vim.lsp.enable).
-- Prints "ok - ..." per check and ends with "N passed, N failed"; exits non-zero on failure.

local diplint = assert(os.getenv("DIPLINT"), "DIPLINT is not set")
local plugin = assert(os.getenv("DIPLINT_NVIM_PLUGIN"), "DIPLINT_NVIM_PLUGIN is not set")
local mode = os.getenv("DIPLINT_NVIM_MODE") or "setup"
local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line .. "\n")
end

local function check(name, body)
  local started = vim.uv.hrtime()
  local ok, err = pcall(body)
  local ms = math.floor((vim.uv.hrtime() - started) / 1e6)
  if ok then
    passed = passed + 1
    out(("ok - [%s] %s (%d ms)"):format(mode, name, ms))
  else
    failed = failed + 1
    out(("not ok - [%s] %s\n  %s"):format(mode, name, tostring(err)))
  end
  return ok
end

local function finish()
  for _, client in ipairs(vim.lsp.get_clients({ name = "diplint" })) do
    client:stop()
  end
  vim.wait(3000, function()
    return #vim.lsp.get_clients({ name = "diplint" }) == 0
  end, 50)
  out(("%d passed, %d failed"):format(passed, failed))
  io.stdout:flush()
  vim.cmd(failed == 0 and "qall!" or "cquit!")
end

local function codes(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    found[#found + 1] = ("%s@%d:%d"):format(tostring(d.code), d.lnum + 1, d.col + 1)
  end
  return found
end

local function diagnostic_with_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return d
    end
  end
end

vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")

local report = vim.api.nvim_get_current_buf()
local report_name = vim.api.nvim_buf_get_name(report)
local notes_name = vim.fs.joinpath(vim.fs.dirname(report_name), "notes.txt")

check("the client starts for a Markdown buffer", function()
  if mode == "setup" then
    require("diplint").setup({ cmd = { diplint, "lsp" } })
  else
    vim.lsp.config("diplint", { cmd = { diplint, "lsp" } })
    vim.lsp.enable("diplint")
  end
  -- With -u NONE the buffer opened on the command line was loaded before filetype detection
  -- was on: detect it now, as a user's init would have at load time.
  vim.cmd("filetype detect")
  assert(vim.bo[report].filetype == "markdown", "filetype is " .. vim.bo[report].filetype)
  assert(
    vim.wait(5000, function()
      return #vim.lsp.get_clients({ bufnr = report, name = "diplint" }) == 1
    end, 20),
    "no diplint client attached"
  )
  local client = vim.lsp.get_clients({ bufnr = report, name = "diplint" })[1]
  assert(
    client.root_dir == vim.fs.dirname(report_name),
    ("root_dir %s, expected the folder with diplint.toml"):format(tostring(client.root_dir))
  )
end)

check("diagnostics: the wrong weekday and the misspelt country", function()
  local ok = vim.wait(15000, function()
    return diagnostic_with_code(report, "date/weekday-mismatch") ~= nil
      and diagnostic_with_code(report, "country/misspelled") ~= nil
  end, 50)
  assert(ok, "diagnostics: " .. vim.inspect(codes(report)))
  local weekday = diagnostic_with_code(report, "date/weekday-mismatch")
  local line = vim.api.nvim_buf_get_lines(report, weekday.lnum, weekday.lnum + 1, false)[1]
  assert(line:sub(weekday.col + 1, weekday.end_col) == "Thursday", "range covers " .. line:sub(weekday.col + 1, weekday.end_col))
  assert(weekday.severity == vim.diagnostic.severity.ERROR, "severity " .. tostring(weekday.severity))
  out("  diagnostics: " .. table.concat(codes(report), ", "))
  out("  message: " .. weekday.message)
end)

check("completion after 'Prime Minister ' offers the holder on the document date", function()
  local last = vim.api.nvim_buf_line_count(report)
  local text = "Before leaving, the Minister also met Prime Minister "
  vim.api.nvim_buf_set_lines(report, last, last, false, { "", text })
  local position = { line = last + 1, character = #text }
  local responses = vim.lsp.buf_request_sync(report, "textDocument/completion", {
    textDocument = vim.lsp.util.make_text_document_params(report),
    position = position,
    context = { triggerKind = 2, triggerCharacter = " " },
  }, 10000)
  assert(responses, "no answer to textDocument/completion")
  local labels = {}
  for _, response in pairs(responses) do
    assert(response.err == nil, vim.inspect(response.err))
    local result = response.result or {}
    for _, item in ipairs(result.items or result) do
      labels[#labels + 1] = item.label
    end
  end
  assert(vim.tbl_contains(labels, "Yoshihide Suga"), "completion items: " .. vim.inspect(labels))
  out("  completion: " .. table.concat(vim.list_slice(labels, 1, 5), ", "))
end)

check("a text buffer is checked too: the leftover HTML comment", function()
  vim.cmd("edit " .. vim.fn.fnameescape(notes_name))
  local notes = vim.api.nvim_get_current_buf()
  assert(vim.bo[notes].filetype == "text", "filetype is " .. vim.bo[notes].filetype)
  local ok = vim.wait(15000, function()
    return diagnostic_with_code(notes, "markup/residue") ~= nil
  end, 50)
  assert(ok, "diagnostics: " .. vim.inspect(codes(notes)))
  -- One server for the workspace, shared by both buffers.
  assert(#vim.lsp.get_clients({ name = "diplint" }) == 1, "more than one diplint client")
end)

finish()
