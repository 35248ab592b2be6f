"""A case log's row order means nothing: a duration's fit and its bootstrap intervals must not follow it."""
import numpy as np

from calibrate.fitdist import fit_duration


def test_the_same_values_in_another_order_give_the_same_fit() -> None:
    rng = np.random.default_rng(3)
    done = rng.lognormal(4.0, 0.6, 40)
    cut = rng.lognormal(4.5, 0.4, 6)
    first = fit_duration(done, censored=cut).data()
    again = fit_duration(done[::-1].copy(), censored=cut[::-1].copy()).data()
    assert again == first
    assert first["censored"] == 6 and first["mean_ci"][0] < first["mean_hours"] < first["mean_ci"][1]


def test_without_censored_values_too() -> None:
    done = np.random.default_rng(5).gamma(2.0, 30.0, 25)
    assert fit_duration(done[::-1].copy()).data() == fit_duration(done).data()
