import sys

from bandcrew.cli import main

sys.exit(main())
