//! Go's `%g` and `%.Ng` formatting of `float64` values, and go/constant's short form of
//! floating-point constants built on them.

use super::bigfloat::{BigFloat, F64};

/// Go's `fmt.Sprintf("%g", x)` (`prec` = `None`, shortest round-trip digits) or
/// `fmt.Sprintf("%.{prec}g", x)`, for finite `x`.
pub(super) fn fmt_g(x: f64, prec: Option<usize>) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    let x = x.abs();
    if x == 0.0 {
        out.push('0');
        return out;
    }
    // Rust's `{:e}` gives the shortest round-trip digits, `{:.Ne}` N+1 correctly rounded ones
    // (ties to even, as Go's); both as `d.ddde±x`.
    let sci = match prec {
        None => format!("{x:e}"),
        Some(p) => format!("{x:.prec$e}", prec = p.max(1) - 1),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let nd = digits.len() as i64;
    // The decimal point is after `dp` digits.
    let dp = exp + 1;
    let shortest = prec.is_none();
    let mut prec = prec.map_or(nd, |p| p.max(1) as i64);
    let mut eprec = prec;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let e = dp - 1;
    if e < -4 || e >= eprec {
        // %e
        prec = prec.min(nd);
        out.push_str(&digits[..1]);
        if prec > 1 {
            out.push('.');
            out.push_str(&digits[1..prec as usize]);
        }
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", e.abs()));
        return out;
    }
    // %f
    if prec > dp {
        prec = nd;
    }
    let frac = (prec - dp).max(0);
    if dp > 0 {
        for i in 0..dp {
            out.push(digit(digits, i));
        }
    } else {
        out.push('0');
    }
    if frac > 0 {
        out.push('.');
        for i in 1..=frac {
            out.push(digit(digits, dp + i - 1));
        }
    }
    out
}

fn digit(digits: &str, i: i64) -> char {
    if 0 <= i && i < digits.len() as i64 {
        char::from(digits.as_bytes()[i as usize])
    } else {
        '0'
    }
}

/// go/constant's `String` of a floating-point constant: `%.6g` of the nearest `float64` (more
/// digits when that hides a fraction), or an approximate `d.dddddde±x` out of `float64`'s range.
pub(super) fn float_string(f: &BigFloat) -> String {
    let (x, _) = f.to_binary(F64);
    if f.is_zero() == (x == 0.0) && x.is_finite() {
        let s = fmt_g(x, Some(6));
        if !f.is_int() && !s.contains('.') {
            return fmt_g(x, None);
        }
        return s;
    }
    // f = mant × 2^exp with 0.5 <= |mant| < 1; approximately m × 10^d.
    let exp = f.mant_exp();
    let mut m = f.mant_f64();
    let d = exp as f64 * std::f64::consts::LOG10_2;
    let mut e = d as i64;
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        // `%.6g` rounds to 5 digits after the point: keep m*10 below 10 after that.
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{}e{:+}", fmt_g(m, Some(6)), e)
}
