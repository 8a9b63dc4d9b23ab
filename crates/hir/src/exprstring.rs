//! Expressions as go/types prints them in messages (`ExprString`): rebuilt from the AST, not
//! copied from the source, so `a+b` reads `a + b` and a function literal reads `(func() literal)`.

use syntax::ast::{ChanDir, Expr, ExprId, Field, File, FuncType, InterfaceElem, UnaryOp};

pub fn expr_string(file: &File, e: ExprId) -> String {
    let mut out = String::new();
    write_expr(&mut out, file, e);
    out
}

fn write_expr(out: &mut String, file: &File, e: ExprId) {
    match file.expr(e) {
        Expr::Bad => out.push_str("(bad expr)"),
        Expr::Name(name) => out.push_str(name.as_str()),
        Expr::BasicLit { value, .. } => out.push_str(value),
        Expr::CompositeLit { ty, elts, .. } => {
            match ty {
                Some(ty) => write_expr(out, file, *ty),
                None => out.push_str("(ast: <nil>)"),
            }
            out.push('{');
            if !elts.is_empty() {
                out.push('…');
            }
            out.push('}');
        }
        Expr::KeyValue { key, value } => {
            write_expr(out, file, *key);
            out.push_str(": ");
            write_expr(out, file, *value);
        }
        Expr::FuncLit { sig, .. } => {
            out.push_str("(func");
            write_sig(out, file, sig);
            out.push_str(" literal)");
        }
        Expr::Paren(x) => {
            out.push('(');
            write_expr(out, file, *x);
            out.push(')');
        }
        Expr::Selector { x, sel } => {
            write_expr(out, file, *x);
            out.push('.');
            out.push_str(sel.as_str());
        }
        Expr::Index { x, indices } => {
            write_expr(out, file, *x);
            out.push('[');
            write_list(out, file, indices);
            out.push(']');
        }
        Expr::Slice {
            x,
            low,
            high,
            max,
            three,
        } => {
            write_expr(out, file, *x);
            out.push('[');
            if let Some(low) = low {
                write_expr(out, file, *low);
            }
            out.push(':');
            if let Some(high) = high {
                write_expr(out, file, *high);
            }
            if *three {
                out.push(':');
                if let Some(max) = max {
                    write_expr(out, file, *max);
                }
            }
            out.push(']');
        }
        Expr::TypeAssert { x, ty } => {
            write_expr(out, file, *x);
            out.push_str(".(");
            match ty {
                Some(ty) => write_expr(out, file, *ty),
                None => out.push_str("type"),
            }
            out.push(')');
        }
        Expr::Call {
            fun,
            args,
            ellipsis,
        } => {
            write_expr(out, file, *fun);
            out.push('(');
            write_list(out, file, args);
            if ellipsis.is_some() {
                out.push_str("...");
            }
            out.push(')');
        }
        Expr::Star(x) => {
            out.push('*');
            write_expr(out, file, *x);
        }
        Expr::Unary { op, x } => {
            out.push_str(match op {
                UnaryOp::Pos => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Not => "!",
                UnaryOp::Xor => "^",
                UnaryOp::Addr => "&",
                UnaryOp::Recv => "<-",
                UnaryOp::Tilde => "~",
            });
            write_expr(out, file, *x);
        }
        Expr::Binary { op, x, y } => {
            write_expr(out, file, *x);
            out.push(' ');
            out.push_str(op.as_str());
            out.push(' ');
            write_expr(out, file, *y);
        }
        Expr::Ellipsis(elem) => {
            out.push_str("...");
            if let Some(elem) = elem {
                write_expr(out, file, *elem);
            }
        }
        Expr::ArrayType { len, elem } => {
            out.push('[');
            if let Some(len) = len {
                write_expr(out, file, *len);
            }
            out.push(']');
            write_expr(out, file, *elem);
        }
        Expr::StructType { fields } => {
            out.push_str("struct{");
            write_fields(out, file, fields, "; ");
            out.push('}');
        }
        Expr::FuncType(sig) => {
            out.push_str("func");
            write_sig(out, file, sig);
        }
        Expr::InterfaceType { elems } => {
            out.push_str("interface{");
            for (i, elem) in elems.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match elem {
                    InterfaceElem::Method { name, sig } => {
                        out.push_str(name.as_str());
                        write_sig(out, file, sig);
                    }
                    InterfaceElem::Type(ty) => write_expr(out, file, *ty),
                }
            }
            out.push('}');
        }
        Expr::MapType { key, value } => {
            out.push_str("map[");
            write_expr(out, file, *key);
            out.push(']');
            write_expr(out, file, *value);
        }
        Expr::ChanType { dir, elem } => {
            out.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write_expr(out, file, *elem);
        }
    }
}

fn write_list(out: &mut String, file: &File, list: &[ExprId]) {
    for (i, &e) in list.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, file, e);
    }
}

fn write_sig(out: &mut String, file: &File, sig: &FuncType) {
    out.push('(');
    write_fields(out, file, &sig.params, ", ");
    out.push(')');
    match sig.results.as_slice() {
        [] => {}
        [single] if single.names.is_empty() => {
            out.push(' ');
            write_expr(out, file, single.ty);
        }
        results => {
            out.push_str(" (");
            write_fields(out, file, results, ", ");
            out.push(')');
        }
    }
}

fn write_fields(out: &mut String, file: &File, fields: &[Field], sep: &str) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        for (j, name) in field.names.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            out.push_str(name.as_str());
        }
        if !field.names.is_empty() {
            out.push(' ');
        }
        write_expr(out, file, field.ty);
    }
}
