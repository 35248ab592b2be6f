"""Semantic diff and N-way comparison of process models (pure: data in, data out).

Entry points: ``diff_models`` (two models), ``compare_models`` (several prepared
with ``prepare``), ``match_labels`` (two plain lists of labels, e.g. log activities
against model tasks), ``to_data`` / ``comparison_to_data`` (the documented JSON form,
docs/diff-schema.md), ``diff_text`` / ``diff_markdown`` / ``comparison_text`` /
``comparison_markdown``.
"""

from processes.diff.core import Compared, diff_models, diff_prepared, lexicon_for, prepare, profile_inputs
from processes.diff.decisions import NO_DECISIONS, Decision, MatchDecisions, check_decisions, parse_decisions
from processes.diff.formats import (
    comparison_markdown,
    comparison_text,
    decisions_yaml,
    diff_markdown,
    diff_text,
)
from processes.diff.labelmatch import LabelCandidate, LabelMatch, LabelMatching, match_labels
from processes.diff.matchtypes import Candidate, Match, Matching, MatchOptions, Uncertain
from processes.diff.nway import Comparison, StepCluster, Variation, compare_models
from processes.diff.result import KINDS, Difference, ModelDiff, ModelSummary, Similarity
from processes.diff.schema import SCHEMA_VERSION, comparison_to_data, to_data
from processes.diff.similarity import StructuralWeights
from processes.diff.synonyms import Synonyms, builtin_synonyms, parse_synonyms

__all__ = [
    "Compared",
    "diff_models",
    "diff_prepared",
    "lexicon_for",
    "prepare",
    "profile_inputs",
    "NO_DECISIONS",
    "Decision",
    "MatchDecisions",
    "parse_decisions",
    "check_decisions",
    "LabelCandidate",
    "LabelMatch",
    "LabelMatching",
    "match_labels",
    "Match",
    "MatchOptions",
    "Matching",
    "Candidate",
    "Uncertain",
    "KINDS",
    "Difference",
    "ModelDiff",
    "ModelSummary",
    "Similarity",
    "StructuralWeights",
    "comparison_markdown",
    "comparison_text",
    "decisions_yaml",
    "diff_markdown",
    "diff_text",
    "Comparison",
    "StepCluster",
    "Variation",
    "compare_models",
    "SCHEMA_VERSION",
    "comparison_to_data",
    "to_data",
    "Synonyms",
    "builtin_synonyms",
    "parse_synonyms",
]
