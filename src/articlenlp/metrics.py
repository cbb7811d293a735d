"""Small metric helpers shared by training and evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support


def classification_report(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label P/R/F1/support, macro-F1, accuracy and the confusion matrix (rows = gold)."""
    labels = list(labels)
    if not y_true:
        empty = {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
        return {
            "per_label": {label: dict(empty) for label in labels},
            "macro_f1": 0.0,
            "accuracy": 0.0,
            "labels": labels,
            "confusion_matrix": [],
        }
    precision, recall, f1, support = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    present = [i for i, s in enumerate(support) if s > 0]
    return {
        "per_label": {
            label: {
                "precision": round(float(precision[i]), 4),
                "recall": round(float(recall[i]), 4),
                "f1": round(float(f1[i]), 4),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "macro_f1": round(float(sum(f1[i] for i in present) / len(present)), 4) if present else 0.0,
        "accuracy": round(sum(t == p for t, p in zip(y_true, y_pred, strict=False)) / len(y_true), 4) if y_true else 0.0,
        "labels": labels,
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist() if y_true else [],
    }


def prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "gold": gold, "predicted": predicted}


def format_report(report: dict[str, Any], title: str) -> str:
    """A plain-text table of a classification report."""
    lines = [title, f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}{'n':>6}"]
    for label, row in report["per_label"].items():
        lines.append(f"{label:<12}{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}{row['support']:>6}")
    lines.append(f"macro-F1 {report['macro_f1']:.3f}   accuracy {report['accuracy']:.3f}")
    labels = report["labels"]
    lines.append("confusion (rows gold, columns predicted): " + " ".join(label[:5] for label in labels))
    for label, row in zip(labels, report["confusion_matrix"], strict=False):
        lines.append(f"  {label:<10}" + "".join(f"{n:>6}" for n in row))
    return "\n".join(lines)
