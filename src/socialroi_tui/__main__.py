from socialroi_tui.cli import main

if __name__ == "__main__":  # not when another process imports it (multiprocessing)
    raise SystemExit(main())
