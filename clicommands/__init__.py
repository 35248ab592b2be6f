"""The commands of permitflow's command line, one module per command or family (cli.py registers them)."""
