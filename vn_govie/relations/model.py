"""A multinomial logistic-regression relation classifier that serialises to plain bytes.

scikit-learn fits it; prediction is a sparse dot product in NumPy, so a saved
pipeline needs neither pickle nor the scikit-learn version it was trained with.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import srsly

NONE = "NONE"


class RelationModel:
    """Scores labels (and ``NONE``) for feature dicts; unknown features are ignored."""

    def __init__(self, features: dict[str, int] | None = None, labels: Sequence[str] = (),
                 coef: np.ndarray | None = None, intercept: np.ndarray | None = None) -> None:
        self.features = features or {}
        self.labels = list(labels)
        self.coef = coef if coef is not None else np.zeros((len(self.labels), len(self.features)), dtype="float32")
        self.intercept = intercept if intercept is not None else np.zeros(len(self.labels), dtype="float32")

    @property
    def is_trained(self) -> bool:
        return bool(self.labels) and bool(self.features)

    def fit(self, X: Sequence[dict[str, float]], y: Sequence[str], C: float = 1.0, seed: int = 0) -> "RelationModel":
        """Fit on feature dicts and labels (``NONE`` for pairs with no relation)."""
        try:
            from sklearn.feature_extraction import DictVectorizer
            from sklearn.linear_model import LogisticRegression
        except ImportError as err:
            raise ImportError("fitting the relation model needs scikit-learn: pip install 'vn_govie[train]'") from err

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(X)
        classes = sorted(set(y))
        if len(classes) < 2:
            raise ValueError("relation training needs at least two classes (a relation and NONE)")
        clf = LogisticRegression(C=C, max_iter=2000, random_state=seed)
        clf.fit(matrix, list(y))
        coef, intercept = clf.coef_, clf.intercept_
        labels = list(clf.classes_)
        if len(labels) == 2:  # binary: scikit-learn keeps one row for the second class
            coef = np.vstack([-coef[0], coef[0]])
            intercept = np.array([-intercept[0], intercept[0]])
        self.features = {name: i for i, name in enumerate(vectorizer.feature_names_)}
        self.labels = labels
        self.coef = coef.astype("float32")
        self.intercept = intercept.astype("float32")
        return self

    def scores(self, x: dict[str, float]) -> dict[str, float]:
        """Log-odds score per label for one feature dict."""
        known = [(self.features[name], value) for name, value in x.items() if name in self.features]
        total = self.intercept.astype("float64")
        if known:
            columns, values = zip(*known)
            total = total + self.coef[:, list(columns)].astype("float64") @ np.asarray(values, dtype="float64")
        return dict(zip(self.labels, total.tolist()))

    def predict(self, x: dict[str, float], allowed: Iterable[str]) -> str:
        """The best label among ``allowed`` and ``NONE``."""
        scores = self.scores(x)
        options = [label for label in (*allowed, NONE) if label in scores]
        return max(options, key=scores.__getitem__) if options else NONE

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({
            "features": self.features,
            "labels": self.labels,
            "shape": list(self.coef.shape),
            "coef": self.coef.astype("float32").tobytes(),
            "intercept": self.intercept.astype("float32").tobytes(),
        })

    def from_bytes(self, data: bytes) -> "RelationModel":
        msg = srsly.msgpack_loads(data)
        self.features = dict(msg["features"])
        self.labels = list(msg["labels"])
        self.coef = np.frombuffer(msg["coef"], dtype="float32").reshape(msg["shape"]).copy()
        self.intercept = np.frombuffer(msg["intercept"], dtype="float32").copy()
        return self
