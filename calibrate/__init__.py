"""Case logs -> simulation parameters: inspect a log, estimate start times, map log activities
onto a model, fit a profile, discover a model (pure functions over a ``bpmn_io.caselog.LogTable``).

Imports go ``calibrate -> {simulator, bpmn_io} -> processes`` (DESIGN.md); reading the log
files is ``bpmn_io``'s job, printing and writing files ``cli``'s.
"""
