//! Exact constant values and operations on them, as go/constant defines them.
//!
//! A [`Value`] is the value of a Go constant: unknown (after an error), a boolean, a string, an
//! integer, a floating-point number or a complex number. Operations follow go/constant's rules
//! (and so go/types'): untyped constant arithmetic is exact where go/constant's is, rounds
//! where it rounds, and prints ([`Display`](fmt::Display), [`Value::exact_string`]) exactly as
//! go/constant's `String` and `ExactString` do, so messages can quote it.
//!
//! # Representation
//!
//! - Integers are arbitrary precision ([`Int`]): an `i64` when it fits, a shared `BigInt`
//!   otherwise.
//! - Floating-point numbers ([`Float`]) are exact fractions (`BigRational`) while the numerator
//!   and denominator stay below 4096 bits each, like go/constant's `ratVal`. Past that (and for
//!   literals whose binary exponent is 4096 or more in magnitude, like `1e1000000`) they become a
//!   binary float with a 512-bit mantissa and a 64-bit exponent, rounded to nearest even after
//!   each operation, like go/constant's `floatVal` (a `big.Float` of precision 512): memory and
//!   time stay bounded whatever the exponent. As in go/constant, a result in that form never goes
//!   back to a fraction, values beyond `big.Float`'s exponent range (about 2^±2147483647)
//!   overflow to [`Value::Unknown`] or underflow to zero, and `-0` is `0`.
//! - Complex numbers are a pair of integer or floating-point values.
//! - Strings ([`Str`]) are byte strings (they need not be UTF-8) whose concatenation is lazy and
//!   constant-time, flattened once on first use.
//!
//! # Limits the type checker applies (go/types)
//!
//! - Untyped integer results longer than 512 bits ([`Value::bit_len`]) are a "constant
//!   overflow" error.
//! - Constant shift counts above [`SHIFT_BOUND`] are an "invalid shift count" error; [`shift`]
//!   itself returns `Unknown` rather than build an integer over [`MAX_SHIFT_BITS`] bits.
//! - Literals longer than 10000 characters are rejected before conversion.

mod bigfloat;
mod format;
mod literal;
mod string;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use num_bigint::{BigInt, Sign};
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};
use syntax::ast::{BinaryOp, LitKind, UnaryOp};

use bigfloat::{BigFloat, F32, F64, Mode, PREC, Range};

pub use string::Str;

/// The largest constant shift count go/types accepts (`1023 - 1 + 52`, enough to express the
/// smallest `float64`); larger counts are an "invalid shift count" error.
pub const SHIFT_BOUND: u64 = 1023 - 1 + 52;

/// The bit length beyond which [`shift`] gives up and returns [`Value::Unknown`] instead of
/// allocating (go/types never gets there: it bounds operands to 512 bits and counts to
/// [`SHIFT_BOUND`]).
pub const MAX_SHIFT_BITS: u64 = 1 << 16;

/// Fractions with a numerator or denominator of this many bits or more become binary floats
/// (go/constant's `maxExp`); so do literals whose binary exponent reaches it.
const MAX_EXP: u64 = 4 << 10;

/// The kind of a [`Value`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Kind {
    Unknown,
    Bool,
    String,
    Int,
    Float,
    Complex,
}

/// The value of a Go constant.
///
/// Equality (`==`) is exact structural equality (same kind, same value); Go's `==` on constants
/// of different kinds is [`compare`].
#[derive(Clone, Debug, Default)]
pub enum Value {
    /// The value of an invalid or unrepresentable constant; operations on it give `Unknown`.
    #[default]
    Unknown,
    Bool(bool),
    String(Str),
    Int(Int),
    Float(Float),
    /// Real and imaginary parts, each an `Int` or a `Float`.
    Complex(Box<Value>, Box<Value>),
}

/// An arbitrary-precision integer.
#[derive(Clone)]
pub struct Int(IntRepr);

#[derive(Clone)]
enum IntRepr {
    Small(i64),
    /// Never fits an `i64`.
    Big(Arc<BigInt>),
}

/// A floating-point constant: an exact fraction, or a 512-bit binary float (see the module
/// documentation).
#[derive(Clone)]
pub struct Float(FloatRepr);

#[derive(Clone)]
enum FloatRepr {
    Rat(Arc<BigRational>),
    Big(Arc<BigFloat>),
}

// ---------------------------------------------------------------------------------------------
// Integers and floats

impl Int {
    fn small(x: i64) -> Int {
        Int(IntRepr::Small(x))
    }

    fn from_big(x: BigInt) -> Int {
        match x.to_i64() {
            Some(v) => Int(IntRepr::Small(v)),
            None => Int(IntRepr::Big(Arc::new(x))),
        }
    }

    fn big(&self) -> Cow<'_, BigInt> {
        match &self.0 {
            IntRepr::Small(v) => Cow::Owned(BigInt::from(*v)),
            IntRepr::Big(b) => Cow::Borrowed(b),
        }
    }

    /// The value, if it fits an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        match self.0 {
            IntRepr::Small(v) => Some(v),
            IntRepr::Big(_) => None,
        }
    }

    fn to_i128(&self) -> Option<i128> {
        match &self.0 {
            IntRepr::Small(v) => Some(i128::from(*v)),
            IntRepr::Big(b) => b.to_i128(),
        }
    }

    fn sign(&self) -> i32 {
        match &self.0 {
            IntRepr::Small(v) => v.signum() as i32,
            IntRepr::Big(b) => sign_of(b.sign()),
        }
    }

    /// The number of bits of the absolute value (go/constant's `BitLen`).
    pub fn bit_len(&self) -> u64 {
        match &self.0 {
            IntRepr::Small(v) => u64::from(64 - v.unsigned_abs().leading_zeros()),
            IntRepr::Big(b) => b.bits(),
        }
    }

    fn neg(&self) -> Int {
        match &self.0 {
            IntRepr::Small(v) => match v.checked_neg() {
                Some(n) => Int::small(n),
                None => Int::from_big(-BigInt::from(*v)),
            },
            IntRepr::Big(b) => Int::from_big(-&**b),
        }
    }

    /// The fraction with this value.
    fn to_rat(&self) -> BigRational {
        BigRational::from_integer(self.big().into_owned())
    }

    fn to_bigfloat(&self) -> BigFloat {
        BigFloat::from_int(&self.big(), PREC)
    }
}

fn sign_of(s: Sign) -> i32 {
    match s {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            IntRepr::Small(v) => write!(f, "{v}"),
            IntRepr::Big(b) => write!(f, "{b}"),
        }
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Float {
    fn zero() -> Float {
        Float(FloatRepr::Rat(Arc::new(BigRational::zero())))
    }

    /// The exact fraction `num / den` (`den` nonzero), whatever the size of its parts.
    fn from_ratio_exact(num: BigInt, den: BigInt) -> Float {
        Float(FloatRepr::Rat(Arc::new(BigRational::new(num, den))))
    }

    fn from_bigfloat(b: BigFloat) -> Float {
        Float(FloatRepr::Big(Arc::new(b)))
    }

    fn rat(&self) -> Option<&BigRational> {
        match &self.0 {
            FloatRepr::Rat(r) => Some(r),
            FloatRepr::Big(_) => None,
        }
    }

    /// The value as a binary float (rounded to 512 bits if it is a fraction).
    fn to_bigfloat(&self) -> Cow<'_, BigFloat> {
        match &self.0 {
            FloatRepr::Rat(r) => Cow::Owned(BigFloat::from_ratio(r.numer(), r.denom(), PREC)),
            FloatRepr::Big(b) => Cow::Borrowed(b),
        }
    }

    fn sign(&self) -> i32 {
        match &self.0 {
            FloatRepr::Rat(r) => sign_of(r.numer().sign()),
            FloatRepr::Big(b) => b.sign(),
        }
    }

    fn neg(&self) -> Float {
        match &self.0 {
            FloatRepr::Rat(r) => Float(FloatRepr::Rat(Arc::new(-&**r))),
            FloatRepr::Big(b) => Float::from_bigfloat(b.neg()),
        }
    }

    fn to_binary(&self, f: bigfloat::BinFormat) -> (f64, bool) {
        match &self.0 {
            FloatRepr::Rat(r) => bigfloat::ratio_to_binary(r.numer(), r.denom(), f),
            FloatRepr::Big(b) => b.to_binary(f),
        }
    }

    /// go/constant's `ToInt` of a float: the integer it equals, allowing for a few bits of
    /// rounding error in a binary float.
    fn to_int(&self) -> Option<Int> {
        match &self.0 {
            FloatRepr::Rat(r) => r.is_integer().then(|| Int::from_big(r.numer().clone())),
            FloatRepr::Big(b) => {
                if !small_exp(b.mant_exp()) {
                    return None;
                }
                const DELTA: u64 = 4;
                let candidates = [
                    Cow::Borrowed(&**b),
                    Cow::Owned(b.rounded(PREC - DELTA, Mode::ToZero)),
                    Cow::Owned(b.rounded(PREC - DELTA, Mode::AwayFromZero)),
                ];
                candidates
                    .iter()
                    .find_map(|c| c.to_int())
                    .map(Int::from_big)
            }
        }
    }
}

/// Whether a binary exponent is small enough for an exact fraction (go/constant's `smallFloat`).
fn small_exp(e: i64) -> bool {
    -(MAX_EXP as i64) < e && e < MAX_EXP as i64
}

impl fmt::Debug for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.exact_string())
    }
}

impl Float {
    fn exact_string(&self) -> String {
        match &self.0 {
            FloatRepr::Rat(r) if r.is_integer() => r.numer().to_string(),
            FloatRepr::Rat(r) => format!("{}/{}", r.numer(), r.denom()),
            FloatRepr::Big(b) => b.text_p(),
        }
    }
}

impl fmt::Display for Float {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format::float_string(&self.to_bigfloat()))
    }
}

/// A fraction, or a binary float if its parts are too large (go/constant's `makeRat`).
fn make_rat(r: BigRational) -> Value {
    if r.numer().bits() < MAX_EXP && r.denom().bits() < MAX_EXP {
        Value::Float(Float(FloatRepr::Rat(Arc::new(r))))
    } else {
        make_float(BigFloat::from_ratio(r.numer(), r.denom(), PREC))
    }
}

/// A binary float, `Unknown` on overflow and zero on underflow (go/constant's `makeFloat`).
fn make_float(b: BigFloat) -> Value {
    match b.range() {
        Range::Ok => Value::Float(Float::from_bigfloat(b)),
        Range::Overflow => Value::Unknown,
        Range::Underflow => Value::Float(Float::from_bigfloat(BigFloat::zero())),
    }
}

fn make_complex(re: Value, im: Value) -> Value {
    if re.is_unknown() || im.is_unknown() {
        return Value::Unknown;
    }
    Value::Complex(Box::new(re), Box::new(im))
}

// ---------------------------------------------------------------------------------------------
// Construction and queries

impl Value {
    /// The value of a literal as written in Go source; `Unknown` if it is malformed or its value
    /// is out of range (go/constant's `MakeFromLiteral`).
    pub fn from_literal(kind: LitKind, text: &str) -> Value {
        let v = match kind {
            LitKind::Int => literal::int_literal(text),
            LitKind::Float => literal::float_literal(text),
            LitKind::Imag => text
                .strip_suffix('i')
                .and_then(literal::float_literal)
                .map(|im| make_complex(Value::from_i64(0), im)),
            LitKind::Char => literal::char_literal(text),
            LitKind::String => literal::string_literal(text).map(|b| Value::from_bytes(&b)),
        };
        v.unwrap_or(Value::Unknown)
    }

    pub fn from_bool(b: bool) -> Value {
        Value::Bool(b)
    }

    /// The string constant `s`.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> Value {
        Value::from_bytes(s.as_bytes())
    }

    /// The string constant with these bytes (Go strings need not be UTF-8).
    pub fn from_bytes(b: &[u8]) -> Value {
        Value::String(Str::new(b))
    }

    pub fn from_i64(x: i64) -> Value {
        Value::Int(Int::small(x))
    }

    pub fn from_u64(x: u64) -> Value {
        Value::Int(Int::from_big(BigInt::from(x)))
    }

    /// The integer constant `x`.
    pub fn from_bigint(x: BigInt) -> Value {
        Value::Int(Int::from_big(x))
    }

    /// The floating-point constant `x` (`-0` becomes `0`); `Unknown` for infinities and NaN
    /// (go/constant's `MakeFloat64`).
    pub fn from_f64(x: f64) -> Value {
        if !x.is_finite() {
            return Value::Unknown;
        }
        let (num, den) = bigfloat::from_f64(x).to_ratio();
        Value::Float(Float::from_ratio_exact(num, den))
    }

    pub fn kind(&self) -> Kind {
        match self {
            Value::Unknown => Kind::Unknown,
            Value::Bool(_) => Kind::Bool,
            Value::String(_) => Kind::String,
            Value::Int(_) => Kind::Int,
            Value::Float(_) => Kind::Float,
            Value::Complex(..) => Kind::Complex,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// Whether the kind is `Int`, `Float` or `Complex`.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_) | Value::Complex(..))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&Str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The bytes of a string constant (flattening a concatenation once).
    pub fn string_bytes(&self) -> Option<Arc<[u8]>> {
        self.as_str().map(Str::bytes)
    }

    /// -1, 0 or 1 for a negative, zero or positive number; for a complex number 0 if it is zero
    /// and nonzero otherwise. 1 for `Unknown` (avoids spurious division-by-zero errors) and 0
    /// for booleans and strings.
    pub fn sign(&self) -> i32 {
        match self {
            Value::Unknown => 1,
            Value::Bool(_) | Value::String(_) => 0,
            Value::Int(i) => i.sign(),
            Value::Float(f) => f.sign(),
            Value::Complex(re, im) => re.sign() | im.sign(),
        }
    }

    /// The number of bits of an integer's absolute value; 0 for anything else.
    pub fn bit_len(&self) -> u64 {
        match self {
            Value::Int(i) => i.bit_len(),
            _ => 0,
        }
    }

    /// The value of an integer constant that fits an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => i.to_i64(),
            _ => None,
        }
    }

    /// The value of an integer constant that fits a `u64`.
    pub fn to_u64(&self) -> Option<u64> {
        match self {
            Value::Int(i) => match &i.0 {
                IntRepr::Small(v) => u64::try_from(*v).ok(),
                IntRepr::Big(b) => b.to_u64(),
            },
            _ => None,
        }
    }

    /// The nearest `f64` of an integer or floating-point constant and whether it is exact
    /// (go/constant's `Float64Val`): too large is an infinity, too small a zero of the same sign.
    pub fn to_f64_exact(&self) -> Option<(f64, bool)> {
        self.to_binary(F64)
    }

    /// Like [`Value::to_f64_exact`] for `f32` (go/constant's `Float32Val`).
    pub fn to_f32_exact(&self) -> Option<(f32, bool)> {
        self.to_binary(F32).map(|(x, exact)| (x as f32, exact))
    }

    /// The nearest `f64` of an integer or floating-point constant.
    pub fn to_f64(&self) -> Option<f64> {
        self.to_f64_exact().map(|(x, _)| x)
    }

    fn to_binary(&self, f: bigfloat::BinFormat) -> Option<(f64, bool)> {
        match self {
            Value::Int(i) => Some(match &i.0 {
                IntRepr::Small(v) => {
                    let neg = *v < 0;
                    bigfloat::to_binary(neg, &v.unsigned_abs().into(), 0, false, f)
                }
                IntRepr::Big(b) => {
                    bigfloat::to_binary(b.sign() == Sign::Minus, b.magnitude(), 0, false, f)
                }
            }),
            Value::Float(x) => Some(x.to_binary(f)),
            _ => None,
        }
    }

    /// The value as an `Int` if it is an integer: a float or complex number with an integral
    /// value counts (go/constant's `ToInt`, which gives `Unknown` where this gives `None`).
    pub fn to_int(&self) -> Option<Value> {
        match self {
            Value::Int(_) => Some(self.clone()),
            Value::Float(f) => f.to_int().map(Value::Int),
            Value::Complex(..) => match self.to_float()? {
                Value::Float(f) => f.to_int().map(Value::Int),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether [`Value::to_int`] gives an `Int`.
    pub fn is_int(&self) -> bool {
        self.to_int().is_some()
    }

    /// The value as a `Float` if it is a real number (go/constant's `ToFloat`, which gives
    /// `Unknown` where this gives `None`).
    pub fn to_float(&self) -> Option<Value> {
        match self {
            Value::Int(i) => Some(if i.bit_len() < MAX_EXP {
                Value::Float(Float(FloatRepr::Rat(Arc::new(i.to_rat()))))
            } else {
                make_float(i.to_bigfloat())
            })
            .filter(|v| !v.is_unknown()),
            Value::Float(_) => Some(self.clone()),
            Value::Complex(re, im) if im.sign() == 0 => re.to_float(),
            _ => None,
        }
    }

    /// The value as a `Complex` if it is numeric (go/constant's `ToComplex`, which gives
    /// `Unknown` where this gives `None`).
    pub fn to_complex(&self) -> Option<Value> {
        match self {
            Value::Int(_) | Value::Float(_) => Some(make_complex(self.clone(), Value::from_i64(0))),
            Value::Complex(..) => Some(self.clone()),
            _ => None,
        }
    }

    /// The real part of a numeric value; `Unknown` otherwise.
    pub fn real(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => self.clone(),
            Value::Complex(re, _) => (**re).clone(),
            _ => Value::Unknown,
        }
    }

    /// The imaginary part of a numeric value; `Unknown` otherwise.
    pub fn imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => Value::from_i64(0),
            Value::Complex(_, im) => (**im).clone(),
            _ => Value::Unknown,
        }
    }

    /// `self × i` for an integer or float; `Unknown` otherwise (go/constant's `MakeImag`).
    pub fn make_imag(&self) -> Value {
        match self {
            Value::Int(_) | Value::Float(_) => make_complex(Value::from_i64(0), self.clone()),
            _ => Value::Unknown,
        }
    }

    /// The exact form (go/constant's `ExactString`): fractions as `num/den`, binary floats as
    /// `0x.<hex>p<exp>`, strings quoted in full.
    pub fn exact_string(&self) -> String {
        match self {
            Value::String(s) => s.quote(),
            Value::Float(f) => f.exact_string(),
            Value::Complex(re, im) => format!("({} + {}i)", re.exact_string(), im.exact_string()),
            _ => self.to_string(),
        }
    }
}

/// The short form go/types prints in messages (go/constant's `String`): integers in full,
/// floats with 6 significant digits (`0.1`, `1e+100`, `3.14159`), complex numbers as
/// `(re + imi)`, strings quoted and cut to 72 characters.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unknown => f.write_str("unknown"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::String(s) => f.write_str(&s.quote_short()),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Complex(re, im) => write!(f, "({re} + {im}i)"),
        }
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Unknown, Value::Unknown) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a.big() == b.big(),
            (Value::Float(a), Value::Float(b)) => float_eq(a, b),
            (Value::Complex(a, b), Value::Complex(c, d)) => a == c && b == d,
            _ => false,
        }
    }
}

impl Eq for Value {}

fn float_eq(a: &Float, b: &Float) -> bool {
    match (&a.0, &b.0) {
        (FloatRepr::Rat(x), FloatRepr::Rat(y)) => x == y,
        (FloatRepr::Big(x), FloatRepr::Big(y)) => x == y,
        (FloatRepr::Rat(r), FloatRepr::Big(f)) | (FloatRepr::Big(f), FloatRepr::Rat(r)) => {
            // A fraction is never huge or tiny beyond what its parts allow.
            let limit = (r.numer().bits() + r.denom().bits() + 2) as i64;
            if f.exp().abs() > limit {
                return false;
            }
            let (num, den) = f.to_ratio();
            **r == BigRational::new(num, den)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Operations

/// The representation rank of go/constant's `match`: operands are converted to the larger.
fn rank(v: &Value) -> u8 {
    match v {
        Value::Unknown => 0,
        Value::Bool(_) | Value::String(_) => 1,
        Value::Int(_) => 2,
        Value::Float(Float(FloatRepr::Rat(_))) => 4,
        Value::Float(Float(FloatRepr::Big(_))) => 5,
        Value::Complex(..) => 6,
    }
}

/// `x` converted to the representation of rank `to` (which is larger than its own).
fn promote(x: &Value, to: u8) -> Option<Value> {
    Some(match (x, to) {
        (Value::Int(i), 4) => Value::Float(Float(FloatRepr::Rat(Arc::new(i.to_rat())))),
        (Value::Int(i), 5) => Value::Float(Float::from_bigfloat(i.to_bigfloat())),
        (Value::Float(f), 5) => Value::Float(Float::from_bigfloat(f.to_bigfloat().into_owned())),
        (Value::Int(_) | Value::Float(_), 6) => make_complex(x.clone(), Value::from_i64(0)),
        _ => return None,
    })
}

/// Both operands in the same representation (go/constant's `match`); `None` if they cannot be.
fn match_values<'a>(x: &'a Value, y: &'a Value) -> Option<(Cow<'a, Value>, Cow<'a, Value>)> {
    let (rx, ry) = (rank(x), rank(y));
    Some(match rx.cmp(&ry) {
        Ordering::Equal => (Cow::Borrowed(x), Cow::Borrowed(y)),
        Ordering::Less => (Cow::Owned(promote(x, ry)?), Cow::Borrowed(y)),
        Ordering::Greater => (Cow::Borrowed(x), Cow::Owned(promote(y, rx)?)),
    })
}

/// `x op y` for `+ - * / % & | ^ &^` on numbers, `+` on strings and `&& ||` on booleans
/// (go/constant's `BinaryOp`). `/` on two integers gives their exact quotient as a `Float`
/// unless `int_div` is set, when it truncates toward zero like Go's integer division (go/types
/// sets it when the operands are of integer type). `%` truncates too: the result has the sign
/// of `x`. The caller rules out division by zero; it gives `Unknown`. So does an operation the
/// operands do not support, or an `Unknown` operand.
pub fn binary_op(x: &Value, op: BinaryOp, y: &Value, int_div: bool) -> Value {
    if x.is_unknown() || y.is_unknown() {
        return Value::Unknown;
    }
    let Some((x, y)) = match_values(x, y) else {
        return Value::Unknown;
    };
    match (&*x, &*y) {
        (Value::Bool(a), Value::Bool(b)) => match op {
            BinaryOp::LogAnd => Value::Bool(*a && *b),
            BinaryOp::LogOr => Value::Bool(*a || *b),
            _ => Value::Unknown,
        },
        (Value::String(a), Value::String(b)) if op == BinaryOp::Add => Value::String(a.concat(b)),
        (Value::Int(a), Value::Int(b)) => int_op(a, op, b, int_div),
        (Value::Float(a), Value::Float(b)) => float_op(a, op, b),
        (Value::Complex(a, b), Value::Complex(c, d)) => complex_op((a, b), op, (c, d)),
        _ => Value::Unknown,
    }
}

fn int_op(a: &Int, op: BinaryOp, b: &Int, int_div: bool) -> Value {
    if let (IntRepr::Small(x), IntRepr::Small(y)) = (&a.0, &b.0) {
        let (x, y) = (*x, *y);
        let small = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Sub => x.checked_sub(y),
            BinaryOp::Mul => x.checked_mul(y),
            BinaryOp::Quo if int_div => x.checked_div(y),
            BinaryOp::Rem => x.checked_rem(y),
            BinaryOp::And => Some(x & y),
            BinaryOp::Or => Some(x | y),
            BinaryOp::Xor => Some(x ^ y),
            BinaryOp::AndNot => Some(x & !y),
            _ => None,
        };
        if let Some(z) = small {
            return Value::from_i64(z);
        }
    }
    let (x, y) = (a.big(), b.big());
    let (x, y) = (&*x, &*y);
    let z = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Quo | BinaryOp::Rem if y.is_zero() => return Value::Unknown,
        BinaryOp::Quo if !int_div => return make_rat(BigRational::new(x.clone(), y.clone())),
        BinaryOp::Quo => x / y,
        BinaryOp::Rem => x % y,
        BinaryOp::And => x & y,
        BinaryOp::Or => x | y,
        BinaryOp::Xor => x ^ y,
        BinaryOp::AndNot => x & !y,
        _ => return Value::Unknown,
    };
    Value::Int(Int::from_big(z))
}

fn float_op(a: &Float, op: BinaryOp, b: &Float) -> Value {
    match (&a.0, &b.0) {
        (FloatRepr::Rat(x), FloatRepr::Rat(y)) => {
            let (x, y) = (&**x, &**y);
            make_rat(match op {
                BinaryOp::Add => x + y,
                BinaryOp::Sub => x - y,
                BinaryOp::Mul => x * y,
                BinaryOp::Quo if !y.is_zero() => x / y,
                _ => return Value::Unknown,
            })
        }
        _ => {
            let (x, y) = (a.to_bigfloat(), b.to_bigfloat());
            make_float(match op {
                BinaryOp::Add => BigFloat::add(&x, &y, PREC),
                BinaryOp::Sub => BigFloat::sub(&x, &y, PREC),
                BinaryOp::Mul => BigFloat::mul(&x, &y, PREC),
                BinaryOp::Quo if !y.is_zero() => BigFloat::quo(&x, &y, PREC),
                _ => return Value::Unknown,
            })
        }
    }
}

fn complex_op((a, b): (&Value, &Value), op: BinaryOp, (c, d): (&Value, &Value)) -> Value {
    let add = |x: &Value, y: &Value| binary_op(x, BinaryOp::Add, y, false);
    let sub = |x: &Value, y: &Value| binary_op(x, BinaryOp::Sub, y, false);
    let mul = |x: &Value, y: &Value| binary_op(x, BinaryOp::Mul, y, false);
    let quo = |x: &Value, y: &Value| binary_op(x, BinaryOp::Quo, y, false);
    let (re, im) = match op {
        BinaryOp::Add => (add(a, c), add(b, d)),
        BinaryOp::Sub => (sub(a, c), sub(b, d)),
        // (ac - bd) + i(bc + ad)
        BinaryOp::Mul => (sub(&mul(a, c), &mul(b, d)), add(&mul(b, c), &mul(a, d))),
        // (ac + bd)/s + i(bc - ad)/s with s = cc + dd
        BinaryOp::Quo => {
            let s = add(&mul(c, c), &mul(d, d));
            let re = add(&mul(a, c), &mul(b, d));
            let im = sub(&mul(b, c), &mul(a, d));
            (quo(&re, &s), quo(&im, &s))
        }
        _ => return Value::Unknown,
    };
    make_complex(re, im)
}

/// `op x` for `+ -` on numbers, `^` on integers and `!` on booleans (go/constant's `UnaryOp`).
/// For `^`, a nonzero `prec` is the size in bits of the operand's unsigned type: the result is
/// limited to it (`^uint8(1)` is 254); 0 means unlimited (signed or untyped: `^1` is -2); a
/// `prec` over [`MAX_SHIFT_BITS`] gives `Unknown`. Anything else, or `Unknown`, gives `Unknown`.
pub fn unary_op(op: UnaryOp, x: &Value, prec: u32) -> Value {
    match (op, x) {
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(..)) => x.clone(),
        (UnaryOp::Neg, Value::Int(i)) => Value::Int(i.neg()),
        (UnaryOp::Neg, Value::Float(f)) => Value::Float(f.neg()),
        (UnaryOp::Neg, Value::Complex(re, im)) => {
            make_complex(unary_op(UnaryOp::Neg, re, 0), unary_op(UnaryOp::Neg, im, 0))
        }
        (UnaryOp::Xor, Value::Int(i)) => {
            let z = match (&i.0, prec) {
                (IntRepr::Small(v), 0) => return Value::from_i64(!v),
                (IntRepr::Small(v), 1..63) => return Value::from_i64(!v & ((1i64 << prec) - 1)),
                _ if u64::from(prec) > MAX_SHIFT_BITS => return Value::Unknown,
                _ => !&*i.big(),
            };
            let z = if prec > 0 {
                z & ((BigInt::one() << prec) - 1u32)
            } else {
                z
            };
            Value::Int(Int::from_big(z))
        }
        (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
        _ => Value::Unknown,
    }
}

/// `x << s` (`left`) or `x >> s` (go/constant's `Shift`; `>>` rounds toward negative infinity).
/// `x` must be an integer (a float or complex constant with an integral value is converted
/// first, as go/types does); anything else gives `Unknown`. So does a left shift whose result
/// would exceed [`MAX_SHIFT_BITS`] bits: go/types rejects counts over [`SHIFT_BOUND`] first.
pub fn shift(x: &Value, left: bool, s: u32) -> Value {
    let Some(Value::Int(i)) = x.to_int() else {
        return Value::Unknown;
    };
    if s == 0 {
        return Value::Int(i);
    }
    if left {
        if i.sign() == 0 {
            return Value::Int(i);
        }
        if i.bit_len() + u64::from(s) > MAX_SHIFT_BITS {
            return Value::Unknown;
        }
        return Value::Int(Int::from_big(&*i.big() << s));
    }
    match &i.0 {
        IntRepr::Small(v) => Value::from_i64(if s >= 64 { v >> 63 } else { v >> s }),
        IntRepr::Big(b) => Value::Int(Int::from_big(&**b >> s)),
    }
}

/// `x op y` for `== != < <= > >=` (go/constant's `Compare`): numbers (complex ones only for
/// `==` and `!=`), strings (bytewise) and booleans (`==` and `!=`). `false` if an operand is
/// `Unknown` or the comparison is not defined.
pub fn compare(x: &Value, op: BinaryOp, y: &Value) -> bool {
    if x.is_unknown() || y.is_unknown() {
        return false;
    }
    let Some((x, y)) = match_values(x, y) else {
        return false;
    };
    let ord = match (&*x, &*y) {
        (Value::Bool(a), Value::Bool(b)) => {
            return match op {
                BinaryOp::Eql => a == b,
                BinaryOp::Neq => a != b,
                _ => false,
            };
        }
        (Value::Complex(a, b), Value::Complex(c, d)) => {
            let eq = compare(a, BinaryOp::Eql, c) && compare(b, BinaryOp::Eql, d);
            return match op {
                BinaryOp::Eql => eq,
                BinaryOp::Neq => !eq,
                _ => false,
            };
        }
        (Value::String(a), Value::String(b)) => a.bytes().cmp(&b.bytes()),
        (Value::Int(a), Value::Int(b)) => match (&a.0, &b.0) {
            (IntRepr::Small(p), IntRepr::Small(q)) => p.cmp(q),
            _ => a.big().cmp(&b.big()),
        },
        (Value::Float(a), Value::Float(b)) => match (a.rat(), b.rat()) {
            (Some(p), Some(q)) => p.cmp(q),
            _ => BigFloat::cmp(&a.to_bigfloat(), &b.to_bigfloat()),
        },
        _ => return false,
    };
    match op {
        BinaryOp::Eql => ord == Ordering::Equal,
        BinaryOp::Neq => ord != Ordering::Equal,
        BinaryOp::Lss => ord == Ordering::Less,
        BinaryOp::Leq => ord != Ordering::Greater,
        BinaryOp::Gtr => ord == Ordering::Greater,
        BinaryOp::Geq => ord != Ordering::Less,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Representability

/// The basic types a constant can be converted to, for [`representable`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ConstKind {
    Bool,
    String,
    /// `int`, of the word size.
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    /// `uint`, of the word size.
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    /// `uintptr`, of the word size.
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
}

/// Whether `v` is representable as a value of type `kind`, and if so the value it has there
/// (go/types' `representableConst`), with `word_size` the size of `int`, `uint` and `uintptr`
/// in bytes.
///
/// - Integer types: `v` must be an integer (a float or complex number with an integral value
///   counts) that fits; the result is the `Int`.
/// - `float32`/`float64`: `v` must be real; it is rounded to the nearest value of the type, and
///   not representable if that overflows to infinity (values too small round to zero). The
///   result is that rounded value.
/// - `complex64`/`complex128`: likewise for both parts.
/// - Untyped numeric kinds: `v` must convert to them; the result is `v` unchanged.
/// - Strings and booleans: `v` must be of that kind.
///
/// `Unknown` is representable as anything (avoids follow-up errors) and stays `Unknown`.
pub fn representable(v: &Value, kind: ConstKind, word_size: u32) -> Option<Value> {
    use ConstKind as K;
    if v.is_unknown() {
        return Some(Value::Unknown);
    }
    let word = word_size * 8;
    let int_range = |signed: bool, bits: u32| {
        let x = v.to_int()?;
        let Value::Int(i) = &x else { return None };
        let n = i.to_i128()?;
        let fits = if signed {
            -(1i128 << (bits - 1)) <= n && n < 1i128 << (bits - 1)
        } else {
            0 <= n && n < 1i128 << bits
        };
        fits.then_some(x)
    };
    let round = |x: &Value, f: bigfloat::BinFormat| match x.to_binary(f) {
        Some((r, _)) if r.is_finite() => Some(Value::from_f64(r)),
        _ => None,
    };
    let round_complex = |f| {
        let x = v.to_complex()?;
        let Value::Complex(re, im) = &x else {
            return None;
        };
        Some(make_complex(round(re, f)?, round(im, f)?))
    };
    match kind {
        K::Int => int_range(true, word),
        K::Int8 => int_range(true, 8),
        K::Int16 => int_range(true, 16),
        K::Int32 => int_range(true, 32),
        K::Int64 => int_range(true, 64),
        K::Uint | K::Uintptr => int_range(false, word),
        K::Uint8 => int_range(false, 8),
        K::Uint16 => int_range(false, 16),
        K::Uint32 => int_range(false, 32),
        K::Uint64 => int_range(false, 64),
        K::UntypedInt | K::UntypedRune => v.to_int(),
        K::Float32 => round(&v.to_float()?, F32),
        K::Float64 => round(&v.to_float()?, F64),
        K::UntypedFloat => v.to_float().map(|_| v.clone()),
        K::Complex64 => round_complex(F32),
        K::Complex128 => round_complex(F64),
        K::UntypedComplex => v.to_complex().map(|_| v.clone()),
        K::String | K::UntypedString => (v.kind() == Kind::String).then(|| v.clone()),
        K::Bool | K::UntypedBool => (v.kind() == Kind::Bool).then(|| v.clone()),
    }
}
