"""CodeAlong's sandbox runner (the container's entry point); see docs/runner.md.

Kept thin: everything lives in the ``codealong`` package next to this file, which step
tests import too.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from codealong.main import main  # noqa: E402

if __name__ == "__main__":
    main()
