"""permitflow: bpmn_io."""
