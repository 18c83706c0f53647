"""Parse one document in a process of its own and measure that process's peak memory."""

from __future__ import annotations

import os
import subprocess
import sys


def parse_in_a_process(make: str, imports: str = "") -> tuple[str, float]:
    """Parse the bytes the expression ``make`` builds (after ``imports``) with
    parse_bytes in a new process: what it raised ("parsed" if nothing), and the
    process's peak memory in MB.

    The peak is VmHWM, this process's own: ru_maxrss would start from the size of the
    pytest process it was forked from (Linux keeps it across exec)."""
    code = (
        f"import kamervragen\n{imports}\n"
        f"data = {make}\n"
        "try:\n"
        "    kamervragen.parse_bytes(data)\n"
        "    print('parsed')\n"
        "except kamervragen.ParseError as error:\n"
        "    print(error)\n"
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "print(int(status.split()[0]) / 1024)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    reason, peak = done.stdout.splitlines()
    return reason, float(peak)
