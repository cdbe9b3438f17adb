import sys

from ccm_ica.cli import main

sys.exit(main())
