//! Tests of constant values: go/constant's own test tables (value_test.go) ported, plus the
//! texts go/types prints for constants in its test annotations.

use super::*;

fn int(s: &str) -> Value {
    Value::from_literal(LitKind::Int, s)
}

fn float(s: &str) -> Value {
    Value::from_literal(LitKind::Float, s)
}

fn imag(s: &str) -> Value {
    Value::from_literal(LitKind::Imag, s)
}

fn char(s: &str) -> Value {
    Value::from_literal(LitKind::Char, s)
}

fn string(s: &str) -> Value {
    Value::from_literal(LitKind::String, s)
}

fn quo(x: &Value, y: &Value) -> Value {
    binary_op(x, BinaryOp::Quo, y, false)
}

/// go/constant's test helper `val`: a literal of the kind its spelling suggests, `?` for
/// unknown, `a/b` for a fraction.
fn val(lit: &str) -> Value {
    match lit {
        "" | "?" => return Value::Unknown,
        "true" => return Value::from_bool(true),
        "false" => return Value::from_bool(false),
        _ => {}
    }
    if let Some((a, b)) = lit.split_once('/') {
        return quo(&int(a), &int(b));
    }
    let first = lit.as_bytes()[0];
    let last = *lit.as_bytes().last().unwrap();
    let kind = if first == b'"' || first == b'`' {
        return string(&lit.replace('_', " "));
    } else if first == b'\'' {
        LitKind::Char
    } else if last == b'i' {
        LitKind::Imag
    } else if !lit.starts_with("0x") && lit.contains(['.', '/', 'E', 'e']) {
        LitKind::Float
    } else {
        LitKind::Int
    };
    Value::from_literal(kind, lit)
}

/// Equal in go/constant's test sense: both unknown, or `Compare(x, ==, y)`.
fn eql(x: &Value, y: &Value) -> bool {
    if x.is_unknown() || y.is_unknown() {
        return x.is_unknown() == y.is_unknown();
    }
    compare(x, BinaryOp::Eql, y)
}

fn check_numbers(kind: LitKind, tests: &[&str]) {
    for test in tests {
        let (a, b) = test.split_once(" = ").unwrap();
        let x = Value::from_literal(kind, a);
        let y = if b == "?" {
            Value::Unknown
        } else if let Some((n, d)) = b.split_once('/').filter(|_| kind == LitKind::Float) {
            quo(&int(n), &int(d))
        } else {
            Value::from_literal(kind, b)
        };
        assert!(b == "?" || !y.is_unknown(), "invalid test case {test}");
        assert_eq!(x.kind(), y.kind(), "{test}: {x} vs {y}");
        if !y.is_unknown() {
            assert!(compare(&x, BinaryOp::Eql, &y), "{test}: {x} != {y}");
        }
    }
}

#[test]
fn int_literals() {
    check_numbers(
        LitKind::Int,
        &[
            "0_123 = 0123",
            "0123_456 = 0123456",
            "1_234 = 1234",
            "1_234_567 = 1234567",
            "0X_0 = 0",
            "0X_1234 = 0x1234",
            "0X_CAFE_f00d = 0xcafef00d",
            "0o0 = 0",
            "0o1234 = 01234",
            "0o01234567 = 01234567",
            "0O0 = 0",
            "0O1234 = 01234",
            "0O01234567 = 01234567",
            "0o_0 = 0",
            "0o_1234 = 01234",
            "0o0123_4567 = 01234567",
            "0O_0 = 0",
            "0O_1234 = 01234",
            "0O0123_4567 = 01234567",
            "0b0 = 0",
            "0b1011 = 0xb",
            "0b00101101 = 0x2d",
            "0B0 = 0",
            "0B1011 = 0xb",
            "0B00101101 = 0x2d",
            "0b_0 = 0",
            "0b10_11 = 0xb",
            "0b_0010_1101 = 0x2d",
        ],
    );
    assert_eq!(int("0777").to_i64(), Some(511));
    assert_eq!(int("0x_Ff").to_i64(), Some(255));
    assert_eq!(int("0b101").to_i64(), Some(5));
    assert_eq!(int("0o17").to_i64(), Some(15));
    assert_eq!(int("0").to_i64(), Some(0));
    assert_eq!(int("9223372036854775807").to_i64(), Some(i64::MAX));
    assert_eq!(int("9223372036854775808").to_i64(), None);
    assert_eq!(int("9223372036854775808").to_u64(), Some(1 << 63));
    assert_eq!(int("18446744073709551616").to_u64(), None);
    assert_eq!(
        int("0x1_0000_0000_0000_0000").to_string(),
        "18446744073709551616"
    );
    for bad in [
        "", "0x", "08", "0_x1", "1__2", "1_", "_1", "0b2", "0o8", "12a", "0x_",
    ] {
        assert!(int(bad).is_unknown(), "{bad:?}");
    }
}

#[test]
fn float_literals() {
    check_numbers(
        LitKind::Float,
        &[
            "1_2_3. = 123.",
            "0_123. = 123.",
            "0_0e0 = 0.",
            "1_2_3e0 = 123.",
            "0_123e0 = 123.",
            "0e-0_0 = 0.",
            "1_2_3E+0 = 123.",
            "0123E1_2_3 = 123e123",
            "0.e+1 = 0.",
            "123.E-1_0 = 123e-10",
            "01_23.e123 = 123e123",
            ".0e-1 = .0",
            ".123E+10 = .123e10",
            ".0123E123 = .0123e123",
            "1_2_3.123 = 123.123",
            "0123.01_23 = 123.0123",
            "1e-1000000000 = 0",
            "1e+1000000000 = ?",
            "6e5518446744 = ?",
            "-6e5518446744 = ?",
            "0x0.p+0 = 0.",
            "0Xdeadcafe.p-10 = 0xdeadcafe/1024",
            "0x1234.P84 = 0x1234000000000000000000000",
            "0x.1p-0 = 1/16",
            "0X.deadcafep4 = 0xdeadcafe/0x10000000",
            "0x.1234P+12 = 0x1234/0x10",
            "0x0p0 = 0.",
            "0Xdeadcafep+1 = 0x1bd5b95fc",
            "0x1234P-10 = 0x1234/1024",
            "0x0.0p0 = 0.",
            "0Xdead.cafep+1 = 0x1bd5b95fc/0x10000",
            "0x12.34P-10 = 0x1234/0x40000",
            "0Xdead_cafep+1 = 0xdeadcafep+1",
            "0x_1234P-10 = 0x1234p-10",
            "0X_dead_cafe.p-10 = 0xdeadcafe.p-10",
            "0x12_34.P1_2_3 = 0x1234.p123",
        ],
    );
    for bad in [
        ".", "1e", "1e+", "1.2.3", "1_.5", "1._5", "1e_5", "0x", "1f0",
    ] {
        assert!(float(bad).is_unknown(), "{bad:?}");
    }
    // 0x1p-1074 is the smallest float64.
    assert_eq!(
        float("0x1p-1074").to_f64_exact(),
        Some((f64::from_bits(1), true))
    );
    assert_eq!(float("1e1000000").to_string(), "1e+1000000");
    assert_eq!(float("1e-1000000").to_string(), "1e-1000000");
    // issue 20583: malformed (out of range) literals
    assert!(float("6e886451608").is_unknown());
    assert!(imag("6e886451608i").is_unknown());
}

#[test]
fn imag_literals() {
    check_numbers(
        LitKind::Imag,
        &[
            "1_234i = 1234i",
            "1_234_567i = 1234567i",
            "0.i = 0i",
            "123.i = 123i",
            "0123.i = 123i",
            "0.e+1i = 0i",
            "123.E-1_0i = 123e-10i",
            "01_23.e123i = 123e123i",
            "1e-1000000000i = 0i",
            "1e+1000000000i = ?",
            "6e5518446744i = ?",
            "-6e5518446744i = ?",
        ],
    );
    assert!(
        compare(&imag("0123i"), BinaryOp::Eql, &imag("123i")),
        "legacy octal is decimal"
    );
    assert!(compare(&imag("0x10i"), BinaryOp::Eql, &imag("16i")));
    assert!(compare(&imag("0b101i"), BinaryOp::Eql, &imag("5i")));
    assert!(compare(&imag("0o17i"), BinaryOp::Eql, &imag("15i")));
    assert!(compare(&imag("0x1p-2i"), BinaryOp::Eql, &imag(".25i")));
    assert_eq!(imag("2.5i").imag().to_string(), "2.5");
    assert_eq!(imag("2.5i").real().to_string(), "0");
    assert!(imag("1").is_unknown());
}

#[test]
fn char_literals() {
    let cases: &[(&str, i64)] = &[
        ("'a'", 97),
        ("'\\n'", 10),
        ("'\\a'", 7),
        ("'\\b'", 8),
        ("'\\f'", 12),
        ("'\\r'", 13),
        ("'\\t'", 9),
        ("'\\v'", 11),
        ("'\\\\'", 92),
        ("'\\''", 39),
        ("'\"'", 34),
        ("'\\x41'", 65),
        ("'\\xff'", 255),
        ("'\\101'", 65),
        ("'\\377'", 255),
        ("'\\u00e9'", 0xe9),
        ("'\\U0001F600'", 0x1F600),
        ("'é'", 0xe9),
        ("'世'", 0x4e16),
        ("'😀'", 0x1F600),
    ];
    for &(lit, want) in cases {
        assert_eq!(char(lit).to_i64(), Some(want), "{lit}");
    }
    for bad in [
        "''",
        "'",
        "'\\'",
        "'\\\"'",
        "'\\400'",
        "'\\xg0'",
        "'\\ud800'",
        "'\\U00110000'",
        "'\\q'",
        "'''",
    ] {
        assert!(char(bad).is_unknown(), "{bad}");
    }
}

#[test]
fn string_literals() {
    let bytes = |lit: &str| string(lit).string_bytes().map(|b| b.to_vec());
    assert_eq!(bytes(r#""""#), Some(vec![]));
    assert_eq!(bytes(r#""foo""#), Some(b"foo".to_vec()));
    assert_eq!(bytes(r#""a\tb\n\"\\""#), Some(b"a\tb\n\"\\".to_vec()));
    assert_eq!(bytes(r#""\xff\x00""#), Some(vec![0xff, 0]));
    assert_eq!(bytes(r#""\377\101""#), Some(vec![0xff, b'A']));
    assert_eq!(
        bytes(r#""\u00e9\U0001F600""#),
        Some("é😀".as_bytes().to_vec())
    );
    assert_eq!(bytes(r#""é'""#), Some("é'".as_bytes().to_vec()));
    assert_eq!(bytes("`a\\n\r\nb`"), Some(b"a\\n\nb".to_vec()));
    assert_eq!(bytes("``"), Some(vec![]));
    for bad in [
        r#"""#,
        r#""\'""#,
        r#""a"b""#,
        "\"a\nb\"",
        r#""\400""#,
        r#""\ud800""#,
        "`a`b`",
        "'a'",
        "x",
    ] {
        assert!(string(bad).is_unknown(), "{bad:?}");
    }
    assert_eq!(string(r#""\xff""#).as_str().unwrap().len(), 1);
}

#[test]
fn ops() {
    let tests = [
        "+ 0 = 0",
        "+ ? = ?",
        "- 1 = -1",
        "- ? = ?",
        "^ 0 = -1",
        "^ ? = ?",
        "! true = false",
        "! false = true",
        "! ? = ?",
        r#""" + "" = """#,
        r#""foo" + "" = "foo""#,
        r#""" + "bar" = "bar""#,
        r#""foo" + "bar" = "foobar""#,
        "0 + 0 = 0",
        "0 + 0.1 = 0.1",
        "0 + 0.1i = 0.1i",
        "0.1 + 0.9 = 1",
        "1e100 + 1e100 = 2e100",
        "? + 0 = ?",
        "0 + ? = ?",
        "0 - 0 = 0",
        "0 - 0.1 = -0.1",
        "0 - 0.1i = -0.1i",
        "1e100 - 1e100 = 0",
        "? - 0 = ?",
        "0 - ? = ?",
        "0 * 0 = 0",
        "1 * 0.1 = 0.1",
        "1 * 0.1i = 0.1i",
        "1i * 1i = -1",
        "? * 0 = ?",
        "0 * ? = ?",
        "0 * 1e+1000000000 = ?",
        "10 / 2 = 5",
        "5 / 3 = 5/3",
        "5i / 3i = 5/3",
        "? / 0 = ?",
        "0 / ? = ?",
        "0 * 1e+1000000000i = ?",
        "10 % 3 = 1",
        "? % 0 = ?",
        "0 % ? = ?",
        "0 & 0 = 0",
        "12345 & 0 = 0",
        "0xff & 0xf = 0xf",
        "? & 0 = ?",
        "0 & ? = ?",
        "0 | 0 = 0",
        "12345 | 0 = 12345",
        "0xb | 0xa0 = 0xab",
        "? | 0 = ?",
        "0 | ? = ?",
        "0 ^ 0 = 0",
        "1 ^ -1 = -2",
        "? ^ 0 = ?",
        "0 ^ ? = ?",
        "0 &^ 0 = 0",
        "0xf &^ 1 = 0xe",
        "1 &^ 0xf = 0",
        "0 << 0 = 0",
        "1 << 10 = 1024",
        "0 >> 0 = 0",
        "1024 >> 10 = 1",
        "? << 0 = ?",
        "? >> 10 = ?",
        "false == false = true",
        "false == true = false",
        "true == false = false",
        "true == true = true",
        "false != false = false",
        "false != true = true",
        "true != false = true",
        "true != true = false",
        r#""foo" == "bar" = false"#,
        r#""foo" != "bar" = true"#,
        r#""foo" < "bar" = false"#,
        r#""foo" <= "bar" = false"#,
        r#""foo" > "bar" = true"#,
        r#""foo" >= "bar" = true"#,
        "0 == 0 = true",
        "0 != 0 = false",
        "0 < 10 = true",
        "10 <= 10 = true",
        "0 > 10 = false",
        "10 >= 10 = true",
        "1/123456789 == 1/123456789 = true",
        "1/123456789 != 1/123456789 = false",
        "1/123456789 < 1/123456788 = true",
        "1/123456788 <= 1/123456789 = false",
        "0.11 > 0.11 = false",
        "0.11 >= 0.11 = true",
        "? == 0 = false",
        "? != 0 = false",
        "? < 10 = false",
        "? <= 10 = false",
        "? > 10 = false",
        "? >= 10 = false",
        "0 == ? = false",
        "0 != ? = false",
        "0 < ? = false",
        "10 <= ? = false",
        "0 > ? = false",
        "10 >= ? = false",
    ];
    for test in tests {
        let a: Vec<&str> = test.split(' ').collect();
        let got = if a.len() == 4 {
            let op = UnaryOp::from_token(a[0]).unwrap();
            unary_op(op, &val(a[1]), 0)
        } else {
            let (x, y) = (val(a[0]), val(a[2]));
            let op = BinaryOp::from_token(a[1]).unwrap();
            match op {
                BinaryOp::Eql
                | BinaryOp::Neq
                | BinaryOp::Lss
                | BinaryOp::Leq
                | BinaryOp::Gtr
                | BinaryOp::Geq => Value::from_bool(compare(&x, op, &y)),
                BinaryOp::Shl | BinaryOp::Shr => {
                    shift(&x, op == BinaryOp::Shl, y.to_i64().unwrap_or(0) as u32)
                }
                _ => binary_op(&x, op, &y, false),
            }
        };
        let want = val(a[a.len() - 1]);
        assert!(eql(&got, &want), "{test}: got {got}, want {want}");
    }
}

#[test]
fn unknown_operands() {
    let u = Value::Unknown;
    let values = [
        u.clone(),
        Value::from_bool(false),
        Value::from_str(""),
        Value::from_i64(1),
        int("-1234567890123456789012345678901234567890"),
        Value::from_f64(1.2),
        Value::from_f64(1.2).make_imag(),
    ];
    for v in &values {
        for (x, y) in [(v, &u), (&u, v)] {
            assert!(binary_op(x, BinaryOp::Add, y, false).is_unknown());
            assert!(!compare(x, BinaryOp::Eql, y));
            assert!(!compare(x, BinaryOp::Neq, y));
        }
    }
    assert_eq!(u.sign(), 1);
    assert_eq!(u.bit_len(), 0);
    assert!(u.make_imag().is_unknown());
    assert!(shift(&u, true, 3).is_unknown());
}

#[test]
fn strings_and_exact_strings() {
    let xxx = "x".repeat(68);
    let arabic = "\"بموجب الشروط التالية نسب المصنف — يجب عليك أن تنسب العمل بالطريقة التي تحددها المؤلف أو المرخص (ولكن ليس بأي حال من الأحوال أن توحي وتقترح بتحول أو استخدامك للعمل).  المشاركة على قدم المساواة — إذا كنت يعدل ، والتغيير ، أو الاستفادة من هذا العمل ، قد ينتج عن توزيع العمل إلا في ظل تشابه او تطابق فى واحد لهذا الترخيص.\"";
    let big_hex = "0x.f8d4a9da224650a8cb2959e10d985ad92adbd44c62917e608b1f24c0e1b76b6f61edffeb15c135a4b601637315f7662f325f82325422b244286a07663c9415d2p+33216";
    let tests: Vec<(String, String, String)> = vec![
        ("".into(), "unknown".into(), "unknown".into()),
        ("0x".into(), "unknown".into(), "unknown".into()),
        ("'".into(), "unknown".into(), "unknown".into()),
        ("1f0".into(), "unknown".into(), "unknown".into()),
        ("true".into(), "true".into(), "true".into()),
        ("false".into(), "false".into(), "false".into()),
        (r#""""#.into(), r#""""#.into(), r#""""#.into()),
        (r#""foo""#.into(), r#""foo""#.into(), r#""foo""#.into()),
        (format!("\"{xxx}xx\""), format!("\"{xxx}xx\""), format!("\"{xxx}xx\"")),
        (format!("\"{xxx}xxx\""), format!("\"{xxx}..."), format!("\"{xxx}xxx\"")),
        (format!("\"{xxx}{xxx}xxx\""), format!("\"{xxx}..."), format!("\"{xxx}{xxx}xxx\"")),
        (
            arabic.into(),
            "\"بموجب الشروط التالية نسب المصنف — يجب عليك أن تنسب العمل بالطريقة ال...".into(),
            arabic.into(),
        ),
        ("0".into(), "0".into(), "0".into()),
        ("-1".into(), "-1".into(), "-1".into()),
        ("12345".into(), "12345".into(), "12345".into()),
        ("-12345678901234567890".into(), "-12345678901234567890".into(), "-12345678901234567890".into()),
        ("12345678901234567890".into(), "12345678901234567890".into(), "12345678901234567890".into()),
        ("0.".into(), "0".into(), "0".into()),
        ("-0.0".into(), "0".into(), "0".into()),
        ("10.0".into(), "10".into(), "10".into()),
        ("2.1".into(), "2.1".into(), "21/10".into()),
        ("-2.1".into(), "-2.1".into(), "-21/10".into()),
        ("1e9999".into(), "1e+9999".into(), big_hex.into()),
        (
            "1e-9999".into(),
            "1e-9999".into(),
            "0x.83b01ba6d8c0425eec1b21e96f7742d63c2653ed0a024cf8a2f9686df578d7b07d7a83d84df6a2ec70a921d1f6cd5574893a7eda4d28ee719e13a5dce2700759p-33215".into(),
        ),
        (
            "2.71828182845904523536028747135266249775724709369995957496696763".into(),
            "2.71828".into(),
            "271828182845904523536028747135266249775724709369995957496696763/100000000000000000000000000000000000000000000000000000000000000".into(),
        ),
        ("0e9999999999".into(), "0".into(), "0".into()),
        ("-6e-1886451601".into(), "0".into(), "0".into()),
        ("0i".into(), "(0 + 0i)".into(), "(0 + 0i)".into()),
        ("-0i".into(), "(0 + 0i)".into(), "(0 + 0i)".into()),
        ("10i".into(), "(0 + 10i)".into(), "(0 + 10i)".into()),
        ("-10i".into(), "(0 + -10i)".into(), "(0 + -10i)".into()),
        ("1e9999i".into(), "(0 + 1e+9999i)".into(), format!("(0 + {big_hex}i)")),
    ];
    for (input, short, exact) in tests {
        let x = val(&input);
        assert_eq!(x.to_string(), short, "short form of {input}");
        assert_eq!(x.exact_string(), exact, "exact form of {input}");
    }
}

/// Constants as go/types prints them in its test annotations (internal/types/testdata).
#[test]
fn go_types_message_texts() {
    let shl = |x: i64, s: u32| shift(&Value::from_i64(x), true, s);
    assert_eq!(shl(1, 70).to_string(), "1180591620717411303424");
    // "cannot use maxInt + 1 (untyped int constant 9223372036854775808) as int value ..."
    let max_int = Value::from_i64(i64::MAX);
    assert_eq!(
        binary_op(&max_int, BinaryOp::Add, &Value::from_i64(1), false).to_string(),
        "9223372036854775808"
    );
    // "maxUint (untyped int constant 18446744073709551615)", "maxUint + 1 (... 18446744073709551616)"
    let max_uint = binary_op(&shl(1, 64), BinaryOp::Sub, &Value::from_i64(1), false);
    assert_eq!(max_uint.to_string(), "18446744073709551615");
    assert_eq!(
        binary_op(&max_uint, BinaryOp::Add, &Value::from_i64(1), false).to_string(),
        "18446744073709551616"
    );
    // "cannot use 1e10000 (untyped float constant 1e+10000) as float64 value ..."
    assert_eq!(float("1e10000").to_string(), "1e+10000");
    // "cannot range over 1e3 (untyped float constant 1000)", "1.0 (untyped float constant 1)"
    assert_eq!(float("1e3").to_string(), "1000");
    assert_eq!(float("1.0").to_string(), "1");
    assert_eq!(float("10.0").to_string(), "10");
    // "max(1, 2.3) (untyped float constant 2.3)", "c1 + c2 (constant 991.5 of type float32)"
    assert_eq!(float("2.3").to_string(), "2.3");
    assert_eq!(
        binary_op(&int("991"), BinaryOp::Add, &float("0.5"), false).to_string(),
        "991.5"
    );
    // "1 + 0i (untyped complex constant (1 + 0i))", "1i (untyped complex constant (0 + 1i))"
    assert_eq!(
        binary_op(&int("1"), BinaryOp::Add, &imag("0i"), false).to_string(),
        "(1 + 0i)"
    );
    assert_eq!(imag("1i").to_string(), "(0 + 1i)");
    // "-byte(1) (constant -1 of type byte) overflows byte"
    assert_eq!(unary_op(UnaryOp::Neg, &int("1"), 0).to_string(), "-1");
    // Short forms of go/constant floats.
    assert_eq!(float("1e100").to_string(), "1e+100");
    assert_eq!(float("0.1").to_string(), "0.1");
    assert_eq!(float("3.14159265358979").to_string(), "3.14159");
    assert_eq!(float("1e6").to_string(), "1e+06");
    assert_eq!(float("123456.0").to_string(), "123456");
    assert_eq!(float("1234567.0").to_string(), "1.23457e+06");
    assert_eq!(float("0.0001234").to_string(), "0.0001234");
    assert_eq!(float("0.00001234").to_string(), "1.234e-05");
    assert_eq!(float("-1.5").to_string(), "-1.5");
    // A fraction that %.6g would hide gets more digits (go.dev/issue/56220).
    assert_eq!(float("100000.5").to_string(), "100000.5");
    assert_eq!(float("1e-400").to_string(), "1e-400");
    assert_eq!(
        Value::from_str("a\"b\\\n\t\u{7f}\u{a0}é\u{200b}😀").to_string(),
        r#""a\"b\\\n\t\x7f\u00a0é\u200b😀""#
    );
    assert_eq!(string(r#""\xff""#).to_string(), r#""\xff""#);
}

#[test]
fn exact_arithmetic() {
    let one = int("1");
    let three = int("3");
    let third = quo(&one, &three);
    assert_eq!(third.kind(), Kind::Float);
    assert_eq!(third.exact_string(), "1/3");
    assert_eq!(third.to_string(), "0.333333");
    let back = binary_op(&third, BinaryOp::Mul, &three, false);
    assert!(compare(&back, BinaryOp::Eql, &one));
    assert_eq!(back.exact_string(), "1");
    // 0.1 + 0.2 == 0.3 exactly, unlike float64
    let sum = binary_op(&float("0.1"), BinaryOp::Add, &float("0.2"), false);
    assert!(compare(&sum, BinaryOp::Eql, &float("0.3")));
    // Integer division truncates toward zero; % takes the sign of the dividend.
    let div = |a: i64, b: i64| {
        binary_op(
            &Value::from_i64(a),
            BinaryOp::Quo,
            &Value::from_i64(b),
            true,
        )
        .to_i64()
    };
    let rem = |a: i64, b: i64| {
        binary_op(
            &Value::from_i64(a),
            BinaryOp::Rem,
            &Value::from_i64(b),
            false,
        )
        .to_i64()
    };
    assert_eq!(div(7, 2), Some(3));
    assert_eq!(div(-7, 2), Some(-3));
    assert_eq!(div(7, -2), Some(-3));
    assert_eq!(rem(7, 3), Some(1));
    assert_eq!(rem(-7, 3), Some(-1));
    assert_eq!(rem(7, -3), Some(1));
    assert_eq!(div(i64::MIN, -1), None, "overflows i64");
    assert_eq!(
        binary_op(
            &Value::from_i64(i64::MIN),
            BinaryOp::Quo,
            &Value::from_i64(-1),
            true
        )
        .to_string(),
        "9223372036854775808"
    );
    assert_eq!(rem(i64::MIN, -1), Some(0));
    // Big operands.
    let big = shift(&int("1"), true, 100);
    let big_div = binary_op(
        &unary_op(UnaryOp::Neg, &big, 0),
        BinaryOp::Quo,
        &int("3"),
        true,
    );
    assert_eq!(big_div.to_string(), "-422550200076076467165567735125");
    let big_rem = binary_op(
        &unary_op(UnaryOp::Neg, &big, 0),
        BinaryOp::Rem,
        &int("3"),
        false,
    );
    assert_eq!(big_rem.to_string(), "-1");
    // Non-integer division of ints yields a fraction.
    let q = binary_op(&int("7"), BinaryOp::Quo, &int("2"), false);
    assert_eq!(q.kind(), Kind::Float);
    assert_eq!(q.to_string(), "3.5");
    // Division by zero is ruled out by the caller; it is Unknown here rather than a panic.
    assert!(binary_op(&int("1"), BinaryOp::Quo, &int("0"), true).is_unknown());
    assert!(binary_op(&float("1.5"), BinaryOp::Quo, &float("0.0"), false).is_unknown());
    // Mul overflow of i64 goes big.
    let m = binary_op(
        &Value::from_i64(1 << 40),
        BinaryOp::Mul,
        &Value::from_i64(1 << 40),
        false,
    );
    assert_eq!(m.to_string(), "1208925819614629174706176");
    // Complex arithmetic.
    let z = binary_op(&imag("1i"), BinaryOp::Add, &int("2"), false); // 2+1i
    let w = binary_op(&z, BinaryOp::Mul, &z, false); // 3+4i
    assert_eq!(w.to_string(), "(3 + 4i)");
    let back = binary_op(&w, BinaryOp::Quo, &z, false);
    assert!(compare(&back, BinaryOp::Eql, &z));
    assert!(compare(&w, BinaryOp::Neq, &z));
    assert!(
        !compare(&w, BinaryOp::Lss, &z),
        "complex numbers are unordered"
    );
    // Booleans.
    let t = Value::from_bool(true);
    let f = Value::from_bool(false);
    assert_eq!(
        binary_op(&t, BinaryOp::LogAnd, &f, false).as_bool(),
        Some(false)
    );
    assert_eq!(
        binary_op(&t, BinaryOp::LogOr, &f, false).as_bool(),
        Some(true)
    );
    // Mixed kinds that do not combine.
    assert!(binary_op(&t, BinaryOp::Add, &int("1"), false).is_unknown());
    assert!(
        binary_op(
            &Value::from_str("a"),
            BinaryOp::Sub,
            &Value::from_str("b"),
            false
        )
        .is_unknown()
    );
    assert!(binary_op(&float("1.5"), BinaryOp::Rem, &float("1.0"), false).is_unknown());
    assert!(!compare(&t, BinaryOp::Lss, &f));
}

#[test]
fn huge_floats() {
    let x = float("1e100000000");
    assert_eq!(x.kind(), Kind::Float);
    assert_eq!(x.to_string(), "1e+100000000");
    // x*x*...*x (7 times) leaves big.Float's exponent range: "not representable".
    let mut p = x.clone();
    for _ in 0..5 {
        p = binary_op(&p, BinaryOp::Mul, &x, false);
        assert_eq!(p.kind(), Kind::Float);
    }
    assert!(binary_op(&p, BinaryOp::Mul, &x, false).is_unknown());
    // Tiny values underflow to zero.
    let tiny = float("1e-100000000");
    let mut p = tiny.clone();
    for _ in 0..6 {
        p = binary_op(&p, BinaryOp::Mul, &tiny, false);
    }
    assert_eq!(p.sign(), 0);
    // A huge float plus a small one is the huge one (after rounding to 512 bits).
    let sum = binary_op(&float("1e1000000"), BinaryOp::Add, &int("1"), false);
    assert!(compare(&sum, BinaryOp::Eql, &float("1e1000000")));
    let diff = binary_op(&sum, BinaryOp::Sub, &float("1e1000000"), false);
    assert_eq!(diff.sign(), 0);
    // Comparisons across representations.
    assert!(compare(
        &float("1e1000000"),
        BinaryOp::Gtr,
        &shift(&int("1"), true, 1000)
    ));
    assert!(compare(&float("-1e1000000"), BinaryOp::Lss, &float("0.5")));
    assert!(compare(&float("1e-5000"), BinaryOp::Gtr, &int("0")));
    assert_eq!(
        float("1e1000000").to_f64_exact(),
        Some((f64::INFINITY, false))
    );
    assert_eq!(float("1e-1000000").to_f64_exact(), Some((0.0, false)));
    assert!(
        !float("1e1000000").is_int(),
        "too large for go/constant's ToInt"
    );
    assert!(
        !float("1e4000").is_int(),
        "2^13288: beyond go/constant's ToInt too"
    );
    assert!(float("1e1000").is_int());
    assert_eq!(
        float("1e30").to_int().unwrap().to_string(),
        "1000000000000000000000000000000"
    );
}

#[test]
fn to_int_and_friends() {
    assert!(float("2.0").is_int());
    assert!(!float("2.5").is_int());
    assert_eq!(float("2.0").to_int().and_then(|i| i.to_i64()), Some(2));
    assert_eq!(float("-3e2").to_int().and_then(|v| v.to_i64()), Some(-300));
    assert_eq!(imag("0i").to_int().and_then(|v| v.to_i64()), Some(0));
    let c = binary_op(&int("5"), BinaryOp::Add, &imag("0i"), false);
    assert_eq!(c.to_int().and_then(|v| v.to_i64()), Some(5));
    assert!(imag("1i").to_int().is_none());
    assert!(Value::from_str("1").to_int().is_none());
    assert_eq!(int("3").to_float().map(|v| v.kind()), Some(Kind::Float));
    assert_eq!(
        int("3").to_complex().map(|v| v.to_string()),
        Some("(3 + 0i)".to_owned())
    );
    assert!(imag("1i").to_float().is_none());
    assert_eq!(c.to_float().map(|v| v.to_string()), Some("5".to_owned()));
    assert_eq!(int("3").make_imag().to_string(), "(0 + 3i)");
    assert_eq!(int("3").imag().to_string(), "0");
    assert_eq!(c.real().to_string(), "5");
    assert!(Value::from_bool(true).real().is_unknown());
    // A float that is an integer but for rounding errors of 512-bit arithmetic still counts.
    let one = binary_op(&float("1e5000"), BinaryOp::Quo, &float("1e5000"), false);
    let mut inexact = 0;
    for d in 2..100 {
        let d = Value::from_i64(d);
        let part = binary_op(&one, BinaryOp::Quo, &d, false);
        assert!(!part.is_int());
        let back = binary_op(&part, BinaryOp::Mul, &d, false);
        if !compare(&back, BinaryOp::Eql, &int("1")) {
            inexact += 1;
        }
        assert_eq!(
            back.to_int().and_then(|v| v.to_i64()),
            Some(1),
            "{}",
            back.exact_string()
        );
    }
    assert!(inexact > 0);
    assert_eq!(Value::from_i64(-5).sign(), -1);
    assert_eq!(float("0.0").sign(), 0);
    assert_eq!(float("2.5").sign(), 1);
    assert_eq!(imag("-1i").sign(), -1);
    assert_eq!(imag("0i").sign(), 0);
}

#[test]
fn float_conversions() {
    assert_eq!(Value::from_f64(0.1).to_f64_exact(), Some((0.1, true)));
    assert_eq!(float("0.1").to_f64_exact(), Some((0.1, false)));
    assert_eq!(float("0.1").to_f32_exact(), Some((0.1f32, false)));
    assert_eq!(float("0.5").to_f32_exact(), Some((0.5f32, true)));
    assert_eq!(
        Value::from_i64(i64::MAX).to_f64_exact(),
        Some((9223372036854775807.0, false))
    );
    assert_eq!(
        Value::from_i64(1 << 53).to_f64_exact(),
        Some(((1u64 << 53) as f64, true))
    );
    assert_eq!(
        Value::from_i64((1 << 53) + 1).to_f64_exact(),
        Some(((1u64 << 53) as f64, false))
    );
    assert_eq!(
        float("1.7976931348623157e308").to_f64_exact(),
        Some((f64::MAX, false))
    );
    assert_eq!(
        Value::from_f64(f64::MAX).to_f64_exact(),
        Some((f64::MAX, true))
    );
    assert_eq!(float("1.8e308").to_f64(), Some(f64::INFINITY));
    assert_eq!(float("4.9e-324").to_f64(), Some(f64::from_bits(1)));
    assert_eq!(float("2.4e-324").to_f64(), Some(0.0));
    assert_eq!(
        float("-2.4e-324").to_f64_exact().map(|(x, _)| x.to_bits()),
        Some((-0.0f64).to_bits())
    );
    assert_eq!(float("-2.5e-324").to_f64(), Some(-f64::from_bits(1)));
    // Ties round to even: 2^53 + 1 between 2^53 and 2^53 + 2.
    assert_eq!(int("9007199254740993").to_f64(), Some(9007199254740992.0));
    assert_eq!(int("9007199254740995").to_f64(), Some(9007199254740996.0));
    assert_eq!(
        float("3.4028234663852886e38").to_f32_exact(),
        Some((f32::MAX, false))
    );
    assert_eq!(
        Value::from_f64(f64::from(f32::MAX)).to_f32_exact(),
        Some((f32::MAX, true))
    );
    assert_eq!(
        float("3.5e38").to_f32_exact().map(|(x, _)| x),
        Some(f32::INFINITY)
    );
    assert_eq!(float("1e-46").to_f32_exact().map(|(x, _)| x), Some(0.0));
    assert_eq!(
        float("1.4e-45").to_f32_exact().map(|(x, _)| x),
        Some(f32::from_bits(1))
    );
    for x in [
        -f64::MAX,
        -10.0,
        -0.5,
        0.0,
        1.0,
        10.0,
        123456789.87654321e-23,
        1e10,
        f64::MAX,
        f64::MIN_POSITIVE,
    ] {
        let v = Value::from_f64(x);
        assert_eq!(v.kind(), Kind::Float);
        assert_eq!(v.to_f64_exact(), Some((x, true)), "{x}");
    }
    assert_eq!(
        Value::from_f64(-0.0).to_f64().map(f64::to_bits),
        Some(0.0f64.to_bits())
    );
    assert!(Value::from_f64(f64::INFINITY).is_unknown());
    assert!(Value::from_f64(f64::NAN).is_unknown());
    assert_eq!(Value::from_str("x").to_f64(), None);
    assert_eq!(
        Value::from_u64(u64::MAX).to_string(),
        "18446744073709551615"
    );
    assert_eq!(Value::from_u64(u64::MAX).to_u64(), Some(u64::MAX));
    assert_eq!(Value::from_i64(-1).to_u64(), None);
}

#[test]
fn shifts() {
    let one = int("1");
    assert_eq!(shift(&one, true, 1000).bit_len(), 1001);
    assert_eq!(
        shift(&shift(&one, true, 1000), false, 999).to_i64(),
        Some(2)
    );
    assert_eq!(shift(&int("-8"), false, 1).to_i64(), Some(-4));
    assert_eq!(
        shift(&int("-7"), false, 1).to_i64(),
        Some(-4),
        "rounds toward -inf"
    );
    assert_eq!(shift(&int("-1"), false, 100).to_i64(), Some(-1));
    assert_eq!(shift(&int("5"), false, 64).to_i64(), Some(0));
    assert_eq!(shift(&int("-5"), false, 64).to_i64(), Some(-1));
    let neg_big = unary_op(UnaryOp::Neg, &shift(&one, true, 100), 0);
    assert_eq!(shift(&neg_big, false, 99).to_i64(), Some(-2));
    assert_eq!(
        shift(&binary_op(&neg_big, BinaryOp::Sub, &one, false), false, 99).to_i64(),
        Some(-3)
    );
    assert_eq!(
        shift(&float("2.0"), true, 3).to_i64(),
        Some(16),
        "integral floats shift"
    );
    assert!(shift(&float("2.5"), true, 3).is_unknown());
    assert!(shift(&Value::from_str("a"), true, 3).is_unknown());
    // Counts go/types would reject do not allocate.
    assert!(shift(&one, true, u32::MAX).is_unknown());
    assert_eq!(shift(&int("0"), true, u32::MAX).to_i64(), Some(0));
    assert_eq!(shift(&one, false, u32::MAX).to_i64(), Some(0));
    // The smallest float64 as go/types allows it: 1 >> ... no, 1.0 / (1 << SHIFT_BOUND).
    let tiny = quo(&one, &shift(&one, true, SHIFT_BOUND as u32));
    assert_eq!(tiny.to_f64(), Some(f64::from_bits(1)));
}

#[test]
fn bit_len_and_overflow_guard() {
    for (v, want) in [
        (0, 0),
        (1, 1),
        (-16, 5),
        (1 << 61, 62),
        (1 << 62, 63),
        (-1 << 62, 63),
        (i64::MIN, 64),
    ] {
        assert_eq!(Value::from_i64(v).bit_len(), want, "{v}");
    }
    let x = shift(&int("1"), true, 511);
    assert_eq!(
        x.bit_len(),
        512,
        "the largest untyped int go/types accepts has 512 bits"
    );
    assert_eq!(binary_op(&x, BinaryOp::Add, &x, false).bit_len(), 513);
    assert_eq!(float("1.5").bit_len(), 0);
}

#[test]
fn complement() {
    assert_eq!(unary_op(UnaryOp::Xor, &int("1"), 0).to_i64(), Some(-2));
    assert_eq!(unary_op(UnaryOp::Xor, &int("1"), 8).to_i64(), Some(254));
    assert_eq!(
        unary_op(UnaryOp::Xor, &int("0"), 64).to_u64(),
        Some(u64::MAX)
    );
    assert_eq!(
        unary_op(UnaryOp::Xor, &int("0"), 32).to_i64(),
        Some(u32::MAX as i64)
    );
    assert_eq!(unary_op(UnaryOp::Xor, &int("-1"), 0).to_i64(), Some(0));
    assert_eq!(
        unary_op(UnaryOp::Xor, &int("0"), 62).to_i64(),
        Some((1 << 62) - 1)
    );
    assert_eq!(
        unary_op(UnaryOp::Xor, &int("0"), 63).to_i64(),
        Some(i64::MAX)
    );
    assert_eq!(
        unary_op(UnaryOp::Xor, &int("5"), 63).to_i64(),
        Some(i64::MAX - 5)
    );
    assert!(unary_op(UnaryOp::Xor, &int("0"), u32::MAX).is_unknown());
    let big = shift(&int("1"), true, 70);
    assert_eq!(
        unary_op(UnaryOp::Xor, &big, 0).to_string(),
        "-1180591620717411303425"
    );
    assert_eq!(unary_op(UnaryOp::Xor, &big, 64).to_u64(), Some(u64::MAX));
    assert!(unary_op(UnaryOp::Xor, &float("1.0"), 0).is_unknown());
    assert!(unary_op(UnaryOp::Not, &int("1"), 0).is_unknown());
    assert!(unary_op(UnaryOp::Neg, &Value::from_str("a"), 0).is_unknown());
    assert_eq!(
        unary_op(UnaryOp::Neg, &Value::from_i64(i64::MIN), 0).to_string(),
        "9223372036854775808"
    );
    assert_eq!(
        unary_op(UnaryOp::Neg, &float("1e10000"), 0).to_string(),
        "-1e+10000"
    );
    assert_eq!(
        unary_op(UnaryOp::Neg, &imag("1i"), 0).to_string(),
        "(0 + -1i)"
    );
    assert_eq!(unary_op(UnaryOp::Pos, &float("2.5"), 0).to_string(), "2.5");
}

#[test]
fn representability() {
    use ConstKind as K;
    let fits = |v: &Value, k| representable(v, k, 8).is_some();
    assert!(fits(&int("255"), K::Uint8));
    assert!(!fits(&int("256"), K::Uint8));
    assert!(!fits(&int("-1"), K::Uint8));
    assert!(fits(&int("-128"), K::Int8));
    assert!(!fits(&int("-129"), K::Int8));
    assert!(!fits(&int("128"), K::Int8));
    assert!(fits(&int("65535"), K::Uint16));
    assert!(!fits(&int("65535"), K::Int16));
    assert!(fits(&int("4294967295"), K::Uint32));
    assert!(!fits(&int("4294967295"), K::Int32));
    assert!(!fits(&int("4294967296"), K::Uint32));
    assert!(fits(&int("18446744073709551615"), K::Uint64));
    assert!(!fits(&int("18446744073709551615"), K::Int64));
    assert!(!fits(&int("18446744073709551616"), K::Uint64));
    assert!(fits(&int("9223372036854775807"), K::Int));
    assert!(!fits(&int("9223372036854775808"), K::Int));
    assert!(fits(&int("18446744073709551615"), K::Uint));
    assert!(fits(&int("18446744073709551615"), K::Uintptr));
    // 32-bit words
    assert!(representable(&int("2147483647"), K::Int, 4).is_some());
    assert!(representable(&int("2147483648"), K::Int, 4).is_none());
    assert!(representable(&int("4294967295"), K::Uint, 4).is_some());
    assert!(representable(&int("4294967296"), K::Uintptr, 4).is_none());
    // Floats with integral values convert to integers; others are truncated (not representable).
    assert_eq!(
        representable(&float("2.0"), K::Int, 8).and_then(|v| v.to_i64()),
        Some(2)
    );
    assert_eq!(
        representable(&float("2.0"), K::Int, 8).map(|v| v.kind()),
        Some(Kind::Int)
    );
    assert!(!fits(&float("1.2"), K::Int));
    assert!(!fits(&imag("1i"), K::Int));
    assert!(fits(
        &binary_op(&int("1"), BinaryOp::Add, &imag("0i"), false),
        K::Int
    ));
    assert!(fits(&shift(&int("1"), true, 600), K::UntypedInt));
    assert!(fits(&float("3.0"), K::UntypedRune));
    // Floats round to the type; overflow is not representable, underflow rounds to zero.
    assert!(!fits(&float("1e300"), K::Float32));
    assert!(fits(&float("1e300"), K::Float64));
    assert!(!fits(&float("1e10000"), K::Float64));
    assert_eq!(
        representable(&float("1e-400"), K::Float64, 8).map(|v| v.sign()),
        Some(0)
    );
    let r = representable(&float("0.1"), K::Float32, 8).unwrap();
    assert_eq!(r.to_f64(), Some(f64::from(0.1f32)));
    assert_eq!(r.exact_string(), "13421773/134217728");
    assert!(!compare(&r, BinaryOp::Eql, &float("0.1")));
    let r = representable(&float("0.1"), K::Float64, 8).unwrap();
    assert_eq!(r.to_f64_exact(), Some((0.1, true)));
    assert_eq!(
        representable(&int("16777217"), K::Float32, 8)
            .and_then(|v| v.to_int())
            .and_then(|v| v.to_i64()),
        Some(16777216)
    );
    assert_eq!(
        representable(&int("3"), K::Float64, 8).map(|v| v.kind()),
        Some(Kind::Float)
    );
    assert!(!fits(&imag("1i"), K::Float64));
    assert!(fits(
        &binary_op(&float("1.5"), BinaryOp::Add, &imag("0i"), false),
        K::Float64
    ));
    // Untyped float keeps the value as it is.
    assert_eq!(
        representable(&int("3"), K::UntypedFloat, 8).map(|v| v.kind()),
        Some(Kind::Int)
    );
    assert!(!fits(&imag("1i"), K::UntypedFloat));
    // Complex
    let c = representable(&int("1"), K::Complex128, 8).unwrap();
    assert_eq!(c.to_string(), "(1 + 0i)");
    assert_eq!(c.kind(), Kind::Complex);
    let c = representable(&imag("0.1i"), K::Complex64, 8).unwrap();
    assert_eq!(c.imag().to_f64(), Some(f64::from(0.1f32)));
    assert!(!fits(&imag("1e300i"), K::Complex64));
    assert!(fits(&imag("1e300i"), K::Complex128));
    assert!(fits(&float("1.5"), K::UntypedComplex));
    assert!(!fits(&Value::from_str("a"), K::Complex128));
    // Strings and booleans
    assert!(fits(&Value::from_str("a"), K::String));
    assert!(fits(&Value::from_str("a"), K::UntypedString));
    assert!(!fits(&int("1"), K::String));
    assert!(fits(&Value::from_bool(true), K::Bool));
    assert!(!fits(&Value::from_bool(true), K::Int));
    assert!(!fits(&Value::from_str("a"), K::Bool));
    // Unknown is representable as anything.
    assert_eq!(
        representable(&Value::Unknown, K::Uint8, 8),
        Some(Value::Unknown)
    );
}

#[test]
fn string_concatenation_chains() {
    // a + b + c + ... thousands long: linear, and deep chains neither recurse on flattening nor
    // on drop.
    let piece = Value::from_str("xy");
    let mut s = Value::from_str("");
    for _ in 0..200_000 {
        s = binary_op(&s, BinaryOp::Add, &piece, false);
    }
    assert_eq!(s.as_str().unwrap().len(), 400_000);
    let clone = s.clone();
    assert_eq!(s.string_bytes().unwrap().len(), 400_000);
    assert!(compare(&s, BinaryOp::Eql, &clone));
    assert_eq!(s.to_string(), format!("\"{}...", "xy".repeat(34)));
    drop(s);
    drop(clone);
    // Right-deep chains too.
    let mut s = Value::from_str("");
    for _ in 0..200_000 {
        s = binary_op(&piece, BinaryOp::Add, &s, false);
    }
    assert_eq!(s.string_bytes().unwrap().len(), 400_000);
    drop(s);
    // Deep chains that are never flattened drop without recursion.
    let mut s = Value::from_str("a");
    for _ in 0..200_000 {
        s = binary_op(&s, BinaryOp::Add, &piece, false);
    }
    drop(s);
    // Order and sharing.
    let a = Value::from_str("a");
    let ab = binary_op(&a, BinaryOp::Add, &Value::from_str("b"), false);
    let abab = binary_op(&ab, BinaryOp::Add, &ab, false);
    assert_eq!(abab.string_bytes().as_deref(), Some(&b"abab"[..]));
    assert_eq!(ab.string_bytes().as_deref(), Some(&b"ab"[..]));
    assert_eq!(abab.exact_string(), "\"abab\"");
    assert!(compare(&ab, BinaryOp::Lss, &abab));
    assert_eq!(abab, Value::from_str("abab"));
}

#[test]
fn values_are_send_and_sync() {
    fn is<T: Send + Sync + Clone>() {}
    is::<Value>();
    is::<Str>();
    assert!(Value::default().is_unknown());
}

#[test]
fn structural_equality() {
    assert_eq!(int("5"), Value::from_i64(5));
    assert_ne!(int("5"), float("5.0"), "different kinds");
    assert_eq!(float("0.5"), Value::from_f64(0.5));
    assert_eq!(imag("2i"), imag("2.0i"));
    assert_eq!(Value::Unknown, Value::Unknown);
    assert_ne!(Value::from_bool(true), Value::from_bool(false));
    // A binary float and a fraction with the same value.
    let big = binary_op(&float("1e5000"), BinaryOp::Quo, &float("1e5000"), false);
    assert!(compare(&big, BinaryOp::Eql, &int("1")));
    assert_eq!(big, float("1.0"));
    assert_eq!(format!("{:?}", int("5")), "Int(5)");
}

/// Short and exact forms, and the `float32` rounding, exactly as go/constant 1.26 prints them
/// (generated by a Go program over go/constant; also checked against 1500 random literals and
/// operations and 2000 random integer operations while writing this module).
#[test]
fn matches_go_constant_output() {
    let lit = |s: &str| {
        let kind = if s.ends_with('i') {
            LitKind::Imag
        } else if !s.contains(['.', 'e', 'E', 'p', 'P']) {
            LitKind::Int
        } else {
            LitKind::Float
        };
        Value::from_literal(kind, s)
    };
    let cases: &[(&str, &str, &str, &str)] = &[
        ("1e-7", "1e-07", "1/10000000", "14073749/140737488355328"),
        (
            "123456789.123",
            "1.23457e+08",
            "123456789123/1000",
            "123456792",
        ),
        (
            "1e21",
            "1e+21",
            "1000000000000000000000",
            "1000000020040877342720",
        ),
        ("0.000001", "1e-06", "1/1000000", "8796093/8796093022208"),
        ("1.5e-5", "1.5e-05", "3/200000", "8246337/549755813888"),
        (
            "3.14159265358979323846",
            "3.14159",
            "157079632679489661923/50000000000000000000",
            "13176795/4194304",
        ),
        ("4.9e-324", "4.94066e-324", "", "0"),
        ("1e-320", "9.99989e-321", "", "0"),
        ("5e-325", "5e-325", "", "0"),
        ("0x1p1024", "1.79769e+308", "", "unknown"),
        (
            "1e4932",
            "1e+4932",
            "0x.d72cb2a95c7ef6cce81bf1e825ba7515c2feb521d6cb5dcd71130031feee017b71fd7475cca1f23b98bf8e8197dcbb74e41d75564c07f2453648f32dea7304c7p+16384",
            "unknown",
        ),
        (
            "9.999999e1233",
            "1e+1234",
            "0x.99331a8fe4e24b5ea753c55f8a174209bc41bfbffdd87afa6086cbf3065cb8dd2a1ac9958cc0821f646ac2593e0b947889e38ab7476a5bef788bca62e5dcf65fp+4100",
            "unknown",
        ),
        (
            "1e-1234",
            "1e-1234",
            "0x.d5e40e47fafc23647af1e4c29f1c64ba283004bf9dfc94abdf0436a9e809ad3c63f45f4dcb8e78f8052f00e206f07f3ae2da689ac725040af4a0a89b36cec8dap-4099",
            "0",
        ),
        // go/constant's approximate decimal conversion out of float64 range has this quirk.
        (
            "7e-1300",
            "0.7e-1299",
            "0x.9dad6667e44b67132dba2eddc9ace4ac3b2f969ee22815efeda7f850de4d01cba4b04f73ae578432dbaefe55692f8c45d788711806b2f6c4362bf301bc9aee82p-4315",
            "0",
        ),
        (
            "1e-1000000 * 1e1000000",
            "1",
            "0x.ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffp+0",
            "1",
        ),
        ("1e5000 / 1e4999", "10", "0x.ap+4", "10"),
        (
            "1 / 1e5000",
            "1e-5000",
            "0x.a43978d593b68f3f4485e2694f9f29eef41ea50773490ef5ac03cff6c6119dedf2ed54c69b87c3c8c6d5bad7346db47a5775f81ca189fb11fea6418033cf435bp-16609",
            "0",
        ),
        (
            "1e5000 / 3",
            "3.33333e+4999",
            "0x.85056aad5e62d7df642ffa633afa10444141912ad360da5a164d042b1836726c155fff1f51c83745fdfac789135e17b1b3513cf6d5a8a78a5a4ad02dc1997c8p+16609",
            "unknown",
        ),
        (
            "1e1000000 * 1e1000000",
            "1e+2000000",
            "0x.91feb57eb50198f0ab96861e18c20217c5c57b57c69a5019bd395d173ec9352485f8175f2225b40d1d527bf4e808a6d7757f806c098513d138d8e1ba28f2e27fp+6643857",
            "unknown",
        ),
        (
            "1e-5000 * 3",
            "3e-5000",
            "0x.f65635405d91d6dee6c8d39df76ebee66e2df78b2ced96708205b7f2291a6ce4ec63ff29e94ba5ad2a409842cea48eb78330f42af24ef89afdf962404db6e508p-16608",
            "0",
        ),
        (
            "1e100 / 7",
            "1.42857e+99",
            "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000/7",
            "unknown",
        ),
        ("0.1 + 0.2", "0.3", "3/10", "5033165/16777216"),
        ("1e5000 - 1e5000", "0", "0", "0"),
        ("3i * 4i", "(-12 + 0i)", "(-12 + 0i)", "-12"),
        ("0.1i + 0.2", "(0.2 + 0.1i)", "(1/5 + 1/10i)", "0"),
        ("1.5i / 2.5i", "(0.6 + 0i)", "(3/5 + 0i)", "5033165/8388608"),
        ("7i / 3", "(0 + 2.33333i)", "(0 + 7/3i)", "0"),
        ("1e10i", "(0 + 1e+10i)", "(0 + 10000000000i)", "0"),
        (
            "1e-5000i * 1e-5000i",
            "(-1e-10000 + 0i)",
            "(-0x.d2b35f715acd36fe4691cfdbe58b9e23937086481003ae5a9e5bda4988c1591a625d9fc07cbdd17a4ddb694ff14888ba752a64907b74b0b5c9b909616a4cd88ep-33219 + 0i)",
            "0",
        ),
    ];
    for &(input, short, exact, f32) in cases {
        let f: Vec<&str> = input.split(' ').collect();
        let v = if f.len() == 1 {
            lit(f[0])
        } else {
            binary_op(
                &lit(f[0]),
                BinaryOp::from_token(f[1]).unwrap(),
                &lit(f[2]),
                false,
            )
        };
        assert_eq!(v.to_string(), short, "short form of {input}");
        if !exact.is_empty() {
            assert_eq!(v.exact_string(), exact, "exact form of {input}");
        }
        // go/constant: MakeFloat64(float64(Float32Val(ToFloat(v)))).ExactString()
        let r = v
            .to_float()
            .and_then(|x| x.to_f32_exact())
            .map_or(0.0, |(x, _)| x);
        assert_eq!(
            Value::from_f64(f64::from(r)).exact_string(),
            f32,
            "float32 rounding of {input}"
        );
    }
}

/// go/constant quotes strings with strconv.Quote; only unassigned code points differ (we have
/// no Unicode tables and print them as they are).
#[test]
fn string_quoting_matches_go() {
    let cases: &[(&str, &str)] = &[
        (r#""a\u0000""#, r#""a\x00""#),
        (r#""a\u0007""#, r#""a\a""#),
        (r#""a\u001b""#, r#""a\x1b""#),
        (r#""a\u0080""#, r#""a\u0080""#),
        (r#""a\u0085""#, r#""a\u0085""#),
        (r#""a\u00a0""#, r#""a\u00a0""#),
        (r#""a\u00ad""#, r#""a\u00ad""#),
        (r#""a\u0300""#, "\"a\u{300}\""),
        (r#""a\u2028""#, r#""a\u2028""#),
        (r#""a\u200b""#, r#""a\u200b""#),
        (r#""a\u3000""#, r#""a\u3000""#),
        (r#""a\ue000""#, r#""a\ue000""#),
        (r#""a\ufdd0""#, r#""a\ufdd0""#),
        (r#""a\ufeff""#, r#""a\ufeff""#),
        (r#""a\ufffd""#, "\"a\u{fffd}\""),
        (r#""a\uffff""#, r#""a\uffff""#),
        (r#""a\U0001f600""#, "\"a😀\""),
        (r#""a\U0010ffff""#, r#""a\U0010ffff""#),
        (r#""a\U000e0001""#, r#""a\U000e0001""#),
        (r#""\xff\xfe abc""#, r#""\xff\xfe abc""#),
        (r#""\xe2\x82""#, r#""\xe2\x82""#),
        (r#""\xe2\x82\xac""#, r#""€""#),
        ("`raw\\n`", r#""raw\\n""#),
    ];
    for &(lit, want) in cases {
        assert_eq!(string(lit).exact_string(), want, "{lit}");
        assert_eq!(string(lit).to_string(), want, "{lit}");
    }
    let long = format!("\"{}\"", "é".repeat(80));
    assert_eq!(
        string(&long).to_string(),
        format!("\"{}...", "é".repeat(68))
    );
    // Exactly 72 runes with the quotes: kept; 73: cut to 69 runes and "...".
    let edge = format!("\"{}\\n\"", "x".repeat(68));
    assert_eq!(string(&edge).to_string(), edge);
    let edge = format!("\"{}\\n\"", "x".repeat(69));
    assert_eq!(
        string(&edge).to_string(),
        format!("\"{}...", "x".repeat(68))
    );
}
