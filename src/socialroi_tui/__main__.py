from socialroi_tui.cli import main

raise SystemExit(main())
