"""permitflow: report."""
