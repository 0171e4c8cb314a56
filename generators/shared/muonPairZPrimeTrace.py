"""Derives the spin-summed |M|² of e+e- → γ* → μ-(p1) μ+(p2) Z'(k) by Dirac traces.

Writes the TypeScript body of `muonPairZPrimeTraceCoefficients` in muonPairZPrimeAmplitude.ts.
Run by hand (python3 generators/shared/muonPairZPrimeTrace.py > /tmp/out.ts); not part of the build.

Method. With L^{μν} = Tr[(p̸b − mₑ)γ^μ(p̸a + mₑ)γ^ν] and q = pa + pb, r = pa − pb,
    L_{μν} H^{μν} = 4 [ −½ r_μ r_ν H^{μν} − (s/2) H^μ_μ ]     (the q terms vanish: q_μ H^{μν} = 0),
    H^{μν} = −g_{σσ'} Tr[(p̸1 + m) Γ^{μσ} (p̸2 − m) Γ̄^{νσ'}],
    Γ^{μσ} = γ^σ (p̸1 + k̸ + m) γ^μ / D1 + γ^μ (−p̸2 − k̸ + m) γ^σ / D2,  Di = 2 pi·k + M².
The Z' polarisation sum is −g (the k k/M² term vanishes by current conservation, checked
numerically by the Ward-identity test). Traces are reduced with the 4-dimensional contraction
identities γ^σ a̸1…a̸n γ_σ = −2 a̸n…a̸1 (n odd), 2(a̸n a̸1…a̸n−1 + a̸n−1…a̸1 a̸n) (n even) and the
recursion Tr(a̸1…a̸n) = Σ_j (−1)^j (a1·aj) Tr(…).

The result is written as
    L·H = F0 + F11 (r·p1)² + F22 (r·p2)² + F12 (r·p1)(r·p2)
with F's functions of s, m², M², p1·k, p2·k (r² = 4mₑ² − s is substituted).
"""

from functools import lru_cache

import sympy as sp
from sympy.printing.jscode import JavascriptCodePrinter


class TypeScriptPrinter(JavascriptCodePrinter):
    """Writes integer powers as products (x*x*x), which V8 runs faster than Math.pow."""

    def _print_Pow(self, expr):
        base, exponent = expr.as_base_exp()
        if exponent.is_Integer and 1 < int(exponent) <= 4:
            factor = self.parenthesize(base, 1000)
            return "*".join([factor] * int(exponent))
        return super()._print_Pow(expr)


def tscode(expr):
    return TypeScriptPrinter().doprint(expr)

s, m, M2, d1, d2, rp1, rp2, r2 = sp.symbols("s m M2 d1 d2 rp1 rp2 r2")
m2 = m * m
p1p2 = (s - 2 * m2 - M2) / 2 - d1 - d2
DOTS = {
    ("P1", "P1"): m2,
    ("P2", "P2"): m2,
    ("K", "K"): M2,
    ("P1", "P2"): p1p2,
    ("K", "P1"): d1,
    ("K", "P2"): d2,
    ("P1", "R"): rp1,
    ("P2", "R"): rp2,
    ("K", "R"): -rp1 - rp2,
    ("R", "R"): r2,
}


def dot(a, b):
    return DOTS[tuple(sorted((a, b)))]


def is_index(token):
    return token.startswith("i")


@lru_cache(maxsize=None)
def trace_vectors(tokens):
    """Tr of a string of slashed vectors (no free indices), 4×4 matrices (Tr 1 = 4)."""
    n = len(tokens)
    if n == 0:
        return sp.Integer(4)
    if n % 2 == 1:
        return sp.Integer(0)
    first = tokens[0]
    total = sp.Integer(0)
    for j in range(1, n):
        rest = tokens[1:j] + tokens[j + 1 :]
        total += (-1) ** (j + 1) * dot(first, tokens[j]) * trace_vectors(rest)
    return sp.expand(total)


def contract(tokens):
    """Removes every index pair γ^i … γ_i; returns a list of (coefficient, tokens)."""
    for pos, token in enumerate(tokens):
        if is_index(token):
            break
    else:
        return [(sp.Integer(1), tokens)]
    # rotate (trace cyclicity) so that the index opens the string
    tokens = tokens[pos:] + tokens[:pos]
    index = tokens[0]
    close = tokens.index(index, 1)
    inner = tokens[1:close]
    after = tokens[close + 1 :]
    n = len(inner)
    if n == 0:
        results = [(sp.Integer(4), after)]
    elif n % 2 == 1:
        results = [(sp.Integer(-2), tuple(reversed(inner)) + after)]
    else:
        results = [
            (sp.Integer(2), (inner[-1],) + inner[:-1] + after),
            (sp.Integer(2), tuple(reversed(inner[:-1])) + (inner[-1],) + after),
        ]
    out = []
    for coeff, rest in results:
        for c2, t2 in contract(rest):
            out.append((coeff * c2, t2))
    return out


def trace(terms):
    """terms: list of (coefficient, token tuple)."""
    total = sp.Integer(0)
    for coeff, tokens in terms:
        for c2, t2 in contract(tokens):
            total += coeff * c2 * trace_vectors(t2)
    return sp.expand(total)


def product(*factors):
    """Each factor is a list of (coefficient, tokens); returns the expanded product."""
    result = [(sp.Integer(1), ())]
    for factor in factors:
        result = [(c1 * c2, t1 + t2) for c1, t1 in result for c2, t2 in factor]
    return result


def slash(name, coeff=1):
    return [(sp.Integer(coeff), (name,))]


def plus(*parts):
    out = []
    for p in parts:
        out.extend(p)
    return out


def scalar(value):
    return [(value, ())]


def hadronic(a, b):
    """−g_{σσ'} Tr[(p̸1+m) Γ(a) (p̸2−m) Γ̄(b)] times D1² D2² (a, b: tokens of the photon vertex)."""
    D1 = 2 * d1 + M2
    D2 = 2 * d2 + M2
    N1 = plus(slash("P1"), slash("K"), scalar(m))
    N2 = plus(slash("P2", -1), slash("K", -1), scalar(m))
    A = [(sp.Integer(1), (a,))]
    B = [(sp.Integer(1), (b,))]
    E = [(sp.Integer(1), ("isig",))]
    spin1 = plus(slash("P1"), scalar(m))
    spin2 = plus(slash("P2"), scalar(-m))
    gamma = plus([(c * D2, t) for c, t in product(E, N1, A)], [(c * D1, t) for c, t in product(A, N2, E)])
    gamma_bar = plus([(c * D2, t) for c, t in product(B, N1, E)], [(c * D1, t) for c, t in product(E, N2, B)])
    return -trace(product(spin1, gamma, spin2, gamma_bar))


def main():
    rr = hadronic("R", "R")
    trace_h = hadronic("irho", "irho")
    lh = sp.expand(4 * (-sp.Rational(1, 2) * rr - (s / 2) * trace_h))
    lh = sp.expand(lh.subs(r2, -s))  # r² = 4mₑ² − s; mₑ² s-suppressed terms (1e-8) dropped
    poly = sp.Poly(lh, rp1, rp2)
    coeffs = {
        "F0": poly.coeff_monomial(1),
        "F11": poly.coeff_monomial(rp1**2),
        "F22": poly.coeff_monomial(rp2**2),
        "F12": poly.coeff_monomial(rp1 * rp2),
    }
    for key in ("F0", "F11", "F22", "F12"):
        coeffs[key] = sp.factor(coeffs[key])
    for monomial in poly.monoms():
        assert monomial in ((0, 0), (2, 0), (0, 2), (1, 1)), monomial
    names = list(coeffs)
    replacements, reduced = sp.cse([coeffs[k] for k in names], symbols=sp.numbered_symbols("t"))
    print("// Generated by muonPairZPrimeTrace.py: L·H × D1² D2², L·H = F0 + F11 (r·p1)² + F22 (r·p2)² + F12 (r·p1)(r·p2).")
    for sym, expr in replacements:
        print(f"const {sym} = {tscode(expr)};")
    for key, expr in zip(names, reduced):
        print(f"out.{key} = {tscode(expr)};")


if __name__ == "__main__":
    main()
