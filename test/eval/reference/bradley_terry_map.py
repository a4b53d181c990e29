#!/usr/bin/env python3
"""Independent reference for agents/eval/bradley-terry.ts (run: python3 bradley_terry_map.py > bradley-terry-map.json).

Written from the model's definition, not from the TypeScript: every game is its own Bernoulli term
(a draw is half a win and half a loss), the prior is N(0, tau^2) per rating, the optimum comes from
scipy's BFGS on the plain negative log posterior, and the covariance is the inverse of a Hessian
taken by central finite differences of that function. Needs numpy and scipy.
"""
import json
import math

import numpy as np
from scipy.optimize import minimize

PRIOR_SD_ELO = 300.0
ELO_PER_NAT = 400.0 / math.log(10.0)
TAU = PRIOR_SD_ELO / ELO_PER_NAT

# (winner, loser, outcome, weight): outcome 1 = first agent won, 0.5 = draw. Agent 0 is unbeaten,
# agent 4 winless, agents 5 and 6 only ever met each other, and a 4-seat match contributes
# weight-1/3 results.
N = 7
GAMES = (
    [(0, 1, 1.0, 1.0)] * 3
    + [(0, 2, 1.0, 1.0)] * 2
    + [(1, 2, 1.0, 1.0)] * 4
    + [(1, 2, 0.0, 1.0)] * 2
    + [(1, 2, 0.5, 1.0)] * 3
    + [(2, 3, 1.0, 1.0)] * 5
    + [(3, 2, 1.0, 1.0)] * 1
    + [(3, 4, 1.0, 1.0)] * 2
    + [(1, 3, 1.0, 1 / 3), (1, 4, 1.0, 1 / 3), (3, 4, 0.5, 1 / 3)]
    + [(5, 6, 1.0, 1.0)] * 2
    + [(5, 6, 0.0, 1.0)]
)


def neg_log_posterior(theta):
    f = 0.0
    for a, b, s, w in GAMES:
        d = theta[a] - theta[b]
        # log sigma(d) and log sigma(-d) written out
        f -= w * (s * -math.log1p(math.exp(-d)) + (1 - s) * -math.log1p(math.exp(d)))
    return f + float(np.sum(theta**2)) / (2 * TAU**2)


def main():
    res = minimize(neg_log_posterior, np.zeros(N), method="BFGS", options={"gtol": 1e-12, "maxiter": 10000})
    theta = res.x
    h = 1e-4
    H = np.zeros((N, N))
    for i in range(N):
        for j in range(N):
            e_i = np.eye(N)[i] * h
            e_j = np.eye(N)[j] * h
            H[i, j] = (
                neg_log_posterior(theta + e_i + e_j)
                - neg_log_posterior(theta + e_i - e_j)
                - neg_log_posterior(theta - e_i + e_j)
                + neg_log_posterior(theta - e_i - e_j)
            ) / (4 * h * h)
    cov = np.linalg.inv((H + H.T) / 2)
    out = {
        "priorSdElo": PRIOR_SD_ELO,
        "n": N,
        "games": [list(g) for g in GAMES],
        "rating": list(1000 + ELO_PER_NAT * theta),
        "sd": list(ELO_PER_NAT * np.sqrt(np.diag(cov))),
        "cov01": float(cov[0, 1]),
    }
    print(json.dumps(out, indent=1))


main()
