"""permitflow: processes/diff."""
