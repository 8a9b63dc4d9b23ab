//! Binary floating point with a bounded mantissa and a wide exponent: go/constant's `floatVal`
//! (a `big.Float` of 512-bit precision), for values too large or too small to keep as fractions.
//!
//! A [`BigFloat`] is `±mant × 2^exp` with an odd (or zero) arbitrary-precision `mant` and an `i64`
//! exponent. Operations round to a given precision (512 bits for constants) to nearest, ties to
//! even, exactly as `big.Float` does; so their results agree bit for bit with go/constant's.
//! The exponent range of `big.Float` (`MantExp` within the `int32` range) is enforced by the
//! caller through [`BigFloat::range`]: out of range is infinity (an unknown constant) or zero.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// The mantissa precision of floating-point constants, in bits (go/constant's `prec`).
pub(super) const PREC: u64 = 512;

/// How [`BigFloat::round`] rounds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mode {
    NearestEven,
    ToZero,
    AwayFromZero,
}

/// Whether a value fits `big.Float`'s exponent range.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Range {
    Ok,
    /// Too large: `big.Float` makes it an infinity.
    Overflow,
    /// Too small: `big.Float` makes it a zero.
    Underflow,
}

/// `±mant × 2^exp`; `mant` is zero or odd, and zero is never negative.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(super) struct BigFloat {
    neg: bool,
    mant: BigUint,
    exp: i64,
}

impl BigFloat {
    pub(super) fn zero() -> BigFloat {
        BigFloat {
            neg: false,
            mant: BigUint::zero(),
            exp: 0,
        }
    }

    /// The exact value `±mant × 2^exp`, unrounded.
    pub(super) fn exact(neg: bool, mant: BigUint, exp: i64) -> BigFloat {
        match mant.trailing_zeros() {
            None => BigFloat::zero(),
            Some(tz) => BigFloat {
                neg,
                mant: mant >> tz,
                exp: exp + tz as i64,
            },
        }
    }

    /// `x` rounded to `prec` bits.
    pub(super) fn from_int(x: &BigInt, prec: u64) -> BigFloat {
        BigFloat::round(
            x.sign() == Sign::Minus,
            x.magnitude().clone(),
            0,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    /// `num / den` rounded to `prec` bits; `den` must not be zero.
    pub(super) fn from_ratio(num: &BigInt, den: &BigInt, prec: u64) -> BigFloat {
        let neg = (num.sign() == Sign::Minus) != (den.sign() == Sign::Minus);
        let (q, exp, sticky) = quotient(num.magnitude(), den.magnitude(), prec + 2);
        BigFloat::round(neg && !q.is_zero(), q, exp, sticky, prec, Mode::NearestEven)
    }

    pub(super) fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    pub(super) fn sign(&self) -> i32 {
        if self.mant.is_zero() {
            0
        } else if self.neg {
            -1
        } else {
            1
        }
    }

    pub(super) fn exp(&self) -> i64 {
        self.exp
    }

    pub(super) fn neg(&self) -> BigFloat {
        BigFloat {
            neg: !self.neg && !self.is_zero(),
            ..self.clone()
        }
    }

    /// `e` with `self = m × 2^e` and `0.5 <= |m| < 1` (`big.Float.MantExp`); 0 for zero.
    pub(super) fn mant_exp(&self) -> i64 {
        if self.is_zero() {
            0
        } else {
            self.exp + self.mant.bits() as i64
        }
    }

    /// Whether the value is within `big.Float`'s exponent range.
    pub(super) fn range(&self) -> Range {
        let e = self.mant_exp();
        if e > i64::from(i32::MAX) {
            Range::Overflow
        } else if e < i64::from(i32::MIN) {
            Range::Underflow
        } else {
            Range::Ok
        }
    }

    /// Whether the value is an integer.
    pub(super) fn is_int(&self) -> bool {
        self.is_zero() || self.exp >= 0
    }

    /// The value as an integer, if it is one. The caller bounds the exponent.
    pub(super) fn to_int(&self) -> Option<BigInt> {
        if self.is_zero() {
            return Some(BigInt::zero());
        }
        if self.exp < 0 {
            return None;
        }
        let mag = &self.mant << (self.exp as u64);
        Some(BigInt::from_biguint(
            if self.neg { Sign::Minus } else { Sign::Plus },
            mag,
        ))
    }

    /// The exact value as a fraction `(num, den)`. The caller bounds the exponent.
    pub(super) fn to_ratio(&self) -> (BigInt, BigInt) {
        let sign = if self.neg { Sign::Minus } else { Sign::Plus };
        if self.exp >= 0 {
            let num = BigInt::from_biguint(sign, &self.mant << (self.exp as u64));
            (num, BigInt::from(1))
        } else {
            let den = BigInt::from(1) << ((-self.exp) as u64);
            (BigInt::from_biguint(sign, self.mant.clone()), den)
        }
    }

    /// `±mant × 2^exp`, plus (if `sticky`) a nonzero fraction of the lowest mantissa bit, rounded
    /// to `prec` bits. When `sticky` is set, `mant` must have more than `prec + 1` bits.
    pub(super) fn round(
        neg: bool,
        mant: BigUint,
        exp: i64,
        sticky: bool,
        prec: u64,
        mode: Mode,
    ) -> BigFloat {
        let bits = mant.bits();
        if bits <= prec {
            return BigFloat::exact(neg, mant, exp);
        }
        let shift = bits - prec;
        let (kept, up) = round_shift(&mant, shift, sticky, mode);
        let kept = if up { kept + 1u32 } else { kept };
        BigFloat::exact(neg, kept, exp + shift as i64)
    }

    /// `self` rounded to `prec` bits with `mode`.
    pub(super) fn rounded(&self, prec: u64, mode: Mode) -> BigFloat {
        BigFloat::round(self.neg, self.mant.clone(), self.exp, false, prec, mode)
    }

    pub(super) fn add(a: &BigFloat, b: &BigFloat, prec: u64) -> BigFloat {
        if b.is_zero() {
            return a.rounded(prec, Mode::NearestEven);
        }
        if a.is_zero() {
            return b.rounded(prec, Mode::NearestEven);
        }
        // When the tops are further apart than the precision, the smaller operand is below half
        // an ulp of the larger one (even after a power of two loses a bit) and cannot change it.
        let (ta, tb) = (a.mant_exp(), b.mant_exp());
        let gap = prec as i64 + 2;
        if ta - tb > gap {
            return a.rounded(prec, Mode::NearestEven);
        }
        if tb - ta > gap {
            return b.rounded(prec, Mode::NearestEven);
        }
        let e = a.exp.min(b.exp);
        let ma = &a.mant << ((a.exp - e) as u64);
        let mb = &b.mant << ((b.exp - e) as u64);
        let (neg, m) = if a.neg == b.neg {
            (a.neg, ma + mb)
        } else {
            match ma.cmp(&mb) {
                Ordering::Equal => return BigFloat::zero(),
                Ordering::Greater => (a.neg, ma - mb),
                Ordering::Less => (b.neg, mb - ma),
            }
        };
        BigFloat::round(neg, m, e, false, prec, Mode::NearestEven)
    }

    pub(super) fn sub(a: &BigFloat, b: &BigFloat, prec: u64) -> BigFloat {
        BigFloat::add(a, &b.neg(), prec)
    }

    pub(super) fn mul(a: &BigFloat, b: &BigFloat, prec: u64) -> BigFloat {
        if a.is_zero() || b.is_zero() {
            return BigFloat::zero();
        }
        BigFloat::round(
            a.neg != b.neg,
            &a.mant * &b.mant,
            a.exp + b.exp,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    /// `a / b`; `b` must not be zero.
    pub(super) fn quo(a: &BigFloat, b: &BigFloat, prec: u64) -> BigFloat {
        if a.is_zero() {
            return BigFloat::zero();
        }
        let (q, exp, sticky) = quotient(&a.mant, &b.mant, prec + 2);
        BigFloat::round(
            a.neg != b.neg,
            q,
            exp + a.exp - b.exp,
            sticky,
            prec,
            Mode::NearestEven,
        )
    }

    /// `5^n` as `big.Float.SetString` computes it for decimal exponents: by repeated squaring at
    /// `prec` bits (go/constant parses literals with 512 + 64 bits here).
    pub(super) fn pow5(n: u64, prec: u64) -> BigFloat {
        const TAB: u32 = 27; // 5^27 is the largest power of five in a u64
        if n <= u64::from(TAB) {
            return BigFloat::exact(false, BigUint::from(5u64.pow(n as u32)), 0);
        }
        let mut z = BigFloat::exact(false, BigUint::from(5u64.pow(TAB)), 0);
        let mut f = BigFloat::exact(false, BigUint::from(5u32), 0);
        let mut n = n - u64::from(TAB);
        while n > 0 {
            if n & 1 != 0 {
                z = BigFloat::mul(&z, &f, prec);
            }
            n >>= 1;
            if n > 0 {
                f = BigFloat::mul(&f, &f, prec);
            }
        }
        z
    }

    pub(super) fn cmp(a: &BigFloat, b: &BigFloat) -> Ordering {
        match a.sign().cmp(&b.sign()) {
            Ordering::Equal => {}
            other => return other,
        }
        if a.is_zero() {
            return Ordering::Equal;
        }
        let mag = match a.mant_exp().cmp(&b.mant_exp()) {
            Ordering::Equal => {
                let e = a.exp.min(b.exp);
                let ma = &a.mant << ((a.exp - e) as u64);
                let mb = &b.mant << ((b.exp - e) as u64);
                ma.cmp(&mb)
            }
            other => other,
        };
        if a.neg { mag.reverse() } else { mag }
    }

    /// The nearest value of the binary format `f` and whether it is exact (`big.Float.Float64`).
    pub(super) fn to_binary(&self, f: BinFormat) -> (f64, bool) {
        to_binary(self.neg, &self.mant, self.exp, false, f)
    }

    /// The mantissa `m` (with `0.5 <= |m| < 1`, before rounding to 53 bits) as an `f64`.
    pub(super) fn mant_f64(&self) -> f64 {
        let (m, _) = to_binary(self.neg, &self.mant, -(self.mant.bits() as i64), false, F64);
        m
    }

    /// `big.Float.Text('p', 0)`: `0x.<hex mantissa>p<exponent>`, or `0`.
    pub(super) fn text_p(&self) -> String {
        if self.is_zero() {
            return "0".to_owned();
        }
        let bits = self.mant.bits();
        let pad = (4 - bits % 4) % 4;
        let hex = (&self.mant << pad).to_str_radix(16);
        let e = self.mant_exp();
        format!(
            "{}0x.{}p{}{}",
            if self.neg { "-" } else { "" },
            hex.trim_end_matches('0'),
            if e >= 0 { "+" } else { "" },
            e
        )
    }
}

/// `a / b` with at least `min_bits` bits in the quotient: `(q, exp, sticky)` with
/// `a / b = (q + fraction) × 2^exp`, `sticky` telling whether the fraction is nonzero.
fn quotient(a: &BigUint, b: &BigUint, min_bits: u64) -> (BigUint, i64, bool) {
    let s = (min_bits + b.bits() + 1).saturating_sub(a.bits());
    let (q, r) = (a << s).div_rem(b);
    (q, -(s as i64), !r.is_zero())
}

/// Drops the low `shift` (≥ 1) bits of `mant`: the kept bits and whether `mode` rounds them up.
/// `sticky` is a nonzero fraction below the lowest bit of `mant`.
fn round_shift(mant: &BigUint, shift: u64, sticky: bool, mode: Mode) -> (BigUint, bool) {
    let kept = mant >> shift;
    let half = mant.bit(shift - 1);
    let rest = sticky || mant.trailing_zeros().is_some_and(|tz| tz < shift - 1);
    let up = match mode {
        Mode::NearestEven => half && (rest || kept.bit(0)),
        Mode::ToZero => false,
        Mode::AwayFromZero => half || rest,
    };
    (kept, up)
}

/// An IEEE 754 binary format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct BinFormat {
    /// Significand bits including the implicit one.
    mant_bits: u32,
    /// The exponent bias.
    bias: i64,
}

pub(super) const F64: BinFormat = BinFormat {
    mant_bits: 53,
    bias: 1023,
};
pub(super) const F32: BinFormat = BinFormat {
    mant_bits: 24,
    bias: 127,
};

/// `±mant × 2^exp` (plus, if `sticky`, a nonzero fraction of its lowest bit) rounded to the
/// nearest value of `f`, ties to even, with subnormals; too large gives an infinity. Returns the
/// value (an `f32` widened to `f64` for [`F32`]) and whether it is exact. When `sticky` is set,
/// `mant` must have at least `f.mant_bits + 2` bits.
pub(super) fn to_binary(
    neg: bool,
    mant: &BigUint,
    exp: i64,
    sticky: bool,
    f: BinFormat,
) -> (f64, bool) {
    let signed = |x: f64| if neg { -x } else { x };
    if mant.is_zero() {
        return (signed(0.0), !sticky);
    }
    let mb = i64::from(f.mant_bits);
    // The weight of the lowest significand bit of the result.
    let min_q = 2 - f.bias - mb;
    let e = exp + mant.bits() as i64;
    let mut q = (e - mb).max(min_q);
    let (n, exact) = if q > exp {
        let shift = (q - exp) as u64;
        if shift > mant.bits() + 1 {
            (0u64, false)
        } else {
            let (kept, up) = round_shift(mant, shift, sticky, Mode::NearestEven);
            let n = kept.to_u64().unwrap_or(u64::MAX) + u64::from(up);
            let dropped = mant.trailing_zeros().is_some_and(|tz| tz < shift);
            (n, !sticky && !dropped)
        }
    } else {
        let n = (mant << ((exp - q) as u64)).to_u64().unwrap_or(u64::MAX);
        (n, !sticky)
    };
    let mut n = n;
    if n == 1u64 << mb {
        n >>= 1;
        q += 1;
    }
    let top = 64 - i64::from(n.leading_zeros());
    if n != 0 && top + q > f.bias + 1 {
        return (signed(f64::INFINITY), false);
    }
    let hidden = 1u64 << (mb - 1);
    let (biased, frac) = if n >= hidden {
        ((q + mb - 1 + f.bias) as u64, n - hidden)
    } else {
        (0, n)
    };
    let bits = (biased << (mb - 1)) | frac;
    let x = if f == F32 {
        f64::from(f32::from_bits(bits as u32))
    } else {
        f64::from_bits(bits)
    };
    (signed(x), exact)
}

/// `num / den` rounded to the nearest value of `f` and whether that is exact (`big.Rat.Float64`).
pub(super) fn ratio_to_binary(num: &BigInt, den: &BigInt, f: BinFormat) -> (f64, bool) {
    let neg = (num.sign() == Sign::Minus) != (den.sign() == Sign::Minus);
    let (q, exp, sticky) = quotient(num.magnitude(), den.magnitude(), u64::from(f.mant_bits) + 2);
    to_binary(neg, &q, exp, sticky, f)
}

/// `x` as an exact [`BigFloat`] (`x` must be finite).
pub(super) fn from_f64(x: f64) -> BigFloat {
    let bits = x.to_bits();
    let neg = bits >> 63 != 0;
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), biased - 1075)
    };
    BigFloat::exact(neg, BigUint::from(mant), exp)
}
