#!/usr/bin/env bash
# usage: leftovers.sh MARKER
# Fails when a process started by an editor test is still running after the editor quit: every
# process that an editor test starts carries DIPLINT_EDITOR_TEST=MARKER in its environment.
# Waits up to 5 s for them to end, then reports and ends each one by its id.
marker="$1"
find_marked() {
    local pid
    for environ in /proc/[0-9]*/environ; do
        pid="${environ#/proc/}"; pid="${pid%/environ}"
        [ "$pid" = "$$" ] && continue
        if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qx "DIPLINT_EDITOR_TEST=$marker"; then
            echo "$pid"
        fi
    done
}
for _ in $(seq 50); do
    [ -z "$(find_marked)" ] && { echo "ok - no process outlived the editor"; exit 0; }
    sleep 0.1
done
for pid in $(find_marked); do
    echo "not ok - process $pid outlived the editor: $(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null)"
    kill -KILL "$pid" 2>/dev/null
done
exit 1
