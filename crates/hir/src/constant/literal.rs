//! Values of Go literals (`go/constant.MakeFromLiteral`): integers in every base, decimal and
//! hexadecimal floats, imaginary numbers, runes and strings.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{One, Zero};

use super::bigfloat::{BigFloat, PREC, Range};
use super::{Float, Int, Value};

/// The value of an integer literal (`0x`, `0o`, `0b`, legacy octal `0777`, `_` separators).
pub(super) fn int_literal(lit: &str) -> Option<Value> {
    if !underscore_ok(lit) {
        return None;
    }
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (neg, s) = strip_sign(&s);
    let b = s.as_bytes();
    let (radix, digits) = if b.len() >= 2 && b[0] == b'0' {
        match b[1].to_ascii_lowercase() {
            b'x' => (16, &s[2..]),
            b'o' => (8, &s[2..]),
            b'b' => (2, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    if digits.is_empty() || !digits.bytes().all(|c| char::from(c).is_digit(radix)) {
        return None;
    }
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Some(Value::from_i64(if neg { -v } else { v }));
    }
    let mag = BigUint::parse_bytes(digits.as_bytes(), radix)?;
    let sign = if neg { Sign::Minus } else { Sign::Plus };
    Some(Value::Int(Int::from_big(BigInt::from_biguint(sign, mag))))
}

/// The value of a floating-point literal, or of the number before the `i` of an imaginary one
/// (where integers in any base are allowed and a leading `0` is decimal).
///
/// Like go/constant: the value is first rounded to a 512-bit float the way `big.Float` parses
/// it; if its binary exponent is below 4096 in magnitude the exact fraction is kept instead.
/// A too large value is `Unknown`; a too small one is zero.
pub(super) fn float_literal(lit: &str) -> Option<Value> {
    if !underscore_ok(lit) {
        return None;
    }
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let (neg, s) = strip_sign(&s);
    let b = s.as_bytes();
    let (radix, body): (u32, &str) = if b.len() >= 2 && b[0] == b'0' {
        match b[1].to_ascii_lowercase() {
            b'x' => (16, &s[2..]),
            b'o' => (8, &s[2..]),
            b'b' => (2, &s[2..]),
            _ => (10, s),
        }
    } else {
        (10, s)
    };
    // mantissa = digits [ "." [ digits ] ] | "." digits
    let mant_end = body
        .find(|c: char| !(c.is_digit(radix) || c == '.'))
        .unwrap_or(body.len());
    let (mant, exp_part) = body.split_at(mant_end);
    if mant.matches('.').count() > 1 {
        return None;
    }
    let (int_digits, frac_digits) = mant.split_once('.').unwrap_or((mant, ""));
    if int_digits.is_empty() && frac_digits.is_empty() {
        return None;
    }
    let digits = format!("{int_digits}{frac_digits}");
    let m = BigUint::parse_bytes(digits.as_bytes(), radix)?;
    let fcount = frac_digits.len() as i64;
    // value = m × 2^e2 × 5^e5
    let (mut e2, mut e5) = match radix {
        10 => (-fcount, -fcount),
        16 => (-4 * fcount, 0),
        8 => (-3 * fcount, 0),
        _ => (-fcount, 0),
    };
    if let Some(first) = exp_part.chars().next() {
        let decimal_exp = match first {
            'e' | 'E' if radix == 10 => true,
            'p' | 'P' => false,
            _ => return None,
        };
        let (eneg, edigits) = strip_sign(&exp_part[1..]);
        if edigits.is_empty() || !edigits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut x: i64 = edigits.parse().ok()?;
        if eneg {
            x = -x;
        }
        e2 = e2.checked_add(x)?;
        if decimal_exp {
            e5 = e5.checked_add(x)?;
        }
    }
    if m.is_zero() {
        return Some(Value::Float(Float::zero()));
    }
    // big.Float's exponent after normalizing the mantissa must be in the int32 range.
    let exp2 = (m.bits() as i64).checked_add(e2)?;
    if exp2 < i64::from(i32::MIN) || exp2 > i64::from(i32::MAX) {
        return None;
    }
    // The binary exponent, within a few bits: decide cheaply whether a fraction will do.
    let approx = exp2 as f64 + e5 as f64 * std::f64::consts::LOG2_10 - e5 as f64;
    let small = |e: f64| -4000.0 < e && e < 4000.0;
    if !small(approx) {
        let f = rounded_literal(neg, &m, e2, e5);
        match f.range() {
            Range::Overflow => return None,
            Range::Underflow => return Some(Value::Float(Float::zero())),
            Range::Ok => {}
        }
        if !(-4096 < f.mant_exp() && f.mant_exp() < 4096) {
            return Some(Value::Float(Float::from_bigfloat(f)));
        }
    }
    // Exact fraction m × 2^e2 × 5^e5: bounded, since the value's exponent is.
    let mut num = BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, m);
    let mut den = BigInt::one();
    let pow = |base: u32, e: i64| BigInt::from(base).pow(e.unsigned_abs() as u32);
    if e2 >= 0 {
        num <<= e2 as u64;
    } else {
        den <<= (-e2) as u64;
    }
    if e5 >= 0 {
        num *= pow(5, e5);
    } else {
        den *= pow(5, e5);
    }
    Some(Value::Float(Float::from_ratio_exact(num, den)))
}

/// `±m × 2^e2 × 5^e5` rounded as `big.Float.SetString` does: `m × 5^e5` (or `m / 5^-e5`)
/// with the power of five computed at 576 bits, rounded to 512 bits.
fn rounded_literal(neg: bool, m: &BigUint, e2: i64, e5: i64) -> BigFloat {
    let z = BigFloat::exact(neg, m.clone(), e2);
    if e5 == 0 {
        return z.rounded(PREC, super::bigfloat::Mode::NearestEven);
    }
    let p = BigFloat::pow5(e5.unsigned_abs(), PREC + 64);
    if e5 > 0 {
        BigFloat::mul(&z, &p, PREC)
    } else {
        BigFloat::quo(&z, &p, PREC)
    }
}

fn strip_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-') {
        (true, rest)
    } else {
        (false, s.strip_prefix('+').unwrap_or(s))
    }
}

/// Go's rule for `_` in number literals: only between digits, or between a base prefix and a
/// digit (`strconv`'s `underscoreOK`).
fn underscore_ok(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let b = s.as_bytes();
    // What was seen last: '^' the start, '0' a digit or base prefix, '_' an underscore, '!'
    // anything else.
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1].eq_ignore_ascii_case(&b'x');
    }
    for &c in &b[i..] {
        if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

/// One character of a rune or interpreted string literal (`strconv.UnquoteChar`): its value,
/// whether it is a code point (`true`) rather than a single byte (`\x` and octal escapes), and
/// the rest of the input.
fn unquote_char(s: &str, quote: char) -> Option<(u32, bool, &str)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if c == quote && (quote == '\'' || quote == '"') {
        return None;
    }
    if c != '\\' {
        return Some((c as u32, !c.is_ascii(), chars.as_str()));
    }
    let rest = chars.as_str();
    let e = rest.chars().next()?;
    let rest = &rest[e.len_utf8()..];
    let simple = |v: u8| Some((u32::from(v), false, rest));
    match e {
        'a' => simple(7),
        'b' => simple(8),
        'f' => simple(12),
        'n' => simple(b'\n'),
        'r' => simple(b'\r'),
        't' => simple(b'\t'),
        'v' => simple(11),
        '\\' => simple(b'\\'),
        '\'' | '"' if e == quote => simple(e as u8),
        'x' | 'u' | 'U' => {
            let n = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let hex = rest.get(..n)?;
            if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            let v = u32::from_str_radix(hex, 16).ok()?;
            if e == 'x' {
                return Some((v, false, &rest[n..]));
            }
            char::from_u32(v)?;
            Some((v, true, &rest[n..]))
        }
        '0'..='7' => {
            let oct = rest.get(..2)?;
            if !oct.bytes().all(|c| (b'0'..=b'7').contains(&c)) {
                return None;
            }
            let v = (e as u32 - '0' as u32) * 64 + u32::from_str_radix(oct, 8).ok()?;
            if v > 255 {
                return None;
            }
            Some((v, false, &rest[2..]))
        }
        _ => None,
    }
}

/// The value of a rune literal: its code point (or byte value for `\x` and octal escapes).
/// Like go/constant, only the first character between the quotes counts.
pub(super) fn char_literal(lit: &str) -> Option<Value> {
    let inner = lit.strip_prefix('\'')?;
    let inner = inner.get(..inner.len().checked_sub(1)?)?;
    let (v, _, _) = unquote_char(inner, '\'')?;
    Some(Value::from_i64(i64::from(v)))
}

/// The bytes of an interpreted (`"…"`) or raw (`` `…` ``) string literal.
pub(super) fn string_literal(lit: &str) -> Option<Vec<u8>> {
    if lit.len() < 2 {
        return None;
    }
    if let Some(raw) = lit.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        if raw.contains('`') {
            return None;
        }
        return Some(raw.bytes().filter(|&b| b != b'\r').collect());
    }
    let mut s = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = Vec::with_capacity(s.len());
    while !s.is_empty() {
        if s.starts_with('\n') {
            return None;
        }
        let (v, code_point, rest) = unquote_char(s, '"')?;
        match char::from_u32(v) {
            Some(c) if code_point => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            _ => out.push(v as u8),
        }
        s = rest;
    }
    Some(out)
}
