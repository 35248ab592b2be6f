"""permitflow: simulator."""
