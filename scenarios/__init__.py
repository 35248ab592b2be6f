"""permitflow: scenarios."""
