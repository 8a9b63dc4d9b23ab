//! The universe scope (predeclared types, constants, `nil`, builtins) and package `unsafe`.

use crate::constant::Value;
use crate::objects::{Builtin, ObjKind, Object, Pos};
use crate::types::{Alias, Interface, Named, Signature, Type, ids};
use crate::world::World;

fn predeclared(name: &str, kind: ObjKind, ty: crate::types::TypeId) -> Object {
    Object {
        name: name.into(),
        kind,
        ty,
        pkg: None,
        pos: Pos::default(),
        parent: None,
        used: false,
        order: 0,
    }
}

/// Fills the universe scope and creates package `unsafe`. Called once per world.
pub(crate) fn populate(world: &mut World) {
    let universe = world.new_scope(None, false);
    world.universe = universe;

    let basics = [
        ("bool", ids::BOOL),
        ("int", ids::INT),
        ("int8", ids::INT8),
        ("int16", ids::INT16),
        ("int32", ids::INT32),
        ("int64", ids::INT64),
        ("uint", ids::UINT),
        ("uint8", ids::UINT8),
        ("uint16", ids::UINT16),
        ("uint32", ids::UINT32),
        ("uint64", ids::UINT64),
        ("uintptr", ids::UINTPTR),
        ("float32", ids::FLOAT32),
        ("float64", ids::FLOAT64),
        ("complex64", ids::COMPLEX64),
        ("complex128", ids::COMPLEX128),
        ("string", ids::STRING),
        ("byte", ids::BYTE),
        ("rune", ids::RUNE),
    ];
    for (name, ty) in basics {
        let obj = world.new_obj(predeclared(name, ObjKind::TypeName, ty));
        world.insert(universe, obj);
    }

    // type error interface { Error() string }
    let error_obj = world.new_obj(predeclared("error", ObjKind::TypeName, ids::INVALID));
    let error = world.new_type(Type::Named(Box::new(Named::new(error_obj, ids::INVALID))));
    world.obj_mut(error_obj).ty = error;
    let result = world.new_var("", Pos::default(), None, ids::STRING);
    let results = world.tuple(vec![result]);
    let recv = world.new_var("", Pos::default(), None, error);
    let sig = world.new_type(Type::Signature(Box::new(Signature::new(
        Some(recv),
        ids::EMPTY_TUPLE,
        results,
        false,
    ))));
    let method = world.new_obj(predeclared(
        "Error",
        ObjKind::Func {
            has_ptr_recv: false,
        },
        sig,
    ));
    let iface = world.new_type(Type::Interface(Box::new(Interface {
        methods: vec![method],
        embeddeds: Vec::new(),
        all_methods: Some(vec![method]),
        comparable: false,
        has_terms: false,
        implicit: false,
    })));
    if let Type::Named(named) = world.ty_mut(error) {
        named.underlying = iface;
    }
    world.insert(universe, error_obj);
    world.error = error;

    // type comparable interface{ /* comparable */ }
    let comparable_obj = world.new_obj(predeclared("comparable", ObjKind::TypeName, ids::INVALID));
    let comparable_iface = world.new_type(Type::Interface(Box::new(Interface {
        methods: Vec::new(),
        embeddeds: Vec::new(),
        all_methods: Some(Vec::new()),
        comparable: true,
        has_terms: false,
        implicit: false,
    })));
    let comparable = world.new_type(Type::Named(Box::new(Named::new(
        comparable_obj,
        comparable_iface,
    ))));
    world.obj_mut(comparable_obj).ty = comparable;
    world.insert(universe, comparable_obj);
    world.comparable = comparable;

    // type any = interface{}
    let any_obj = world.new_obj(predeclared("any", ObjKind::TypeName, ids::INVALID));
    let empty = world.new_type(Type::Interface(Box::new(Interface {
        all_methods: Some(Vec::new()),
        ..Default::default()
    })));
    let any = world.new_type(Type::Alias(Box::new(Alias {
        obj: any_obj,
        actual: empty,
        type_params: Vec::new(),
        type_args: Vec::new(),
    })));
    world.obj_mut(any_obj).ty = any;
    world.insert(universe, any_obj);
    world.any = any;

    for (name, value) in [("true", true), ("false", false)] {
        let obj = world.new_obj(predeclared(
            name,
            ObjKind::Const(Value::from_bool(value)),
            ids::UNTYPED_BOOL,
        ));
        world.insert(universe, obj);
    }
    let iota = world.new_obj(predeclared(
        "iota",
        ObjKind::Const(Value::from_i64(0)),
        ids::UNTYPED_INT,
    ));
    world.insert(universe, iota);
    let nil = world.new_obj(predeclared("nil", ObjKind::Nil, ids::UNTYPED_NIL));
    world.insert(universe, nil);

    use Builtin::*;
    for b in [
        Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New, Panic,
        Print, Println, Real, Recover,
    ] {
        let obj = world.new_builtin(b);
        world.insert(universe, obj);
    }

    // package unsafe
    let unsafe_pkg = world.new_package("unsafe", "unsafe");
    world.package_mut(unsafe_pkg).complete = true;
    let scope = world.package(unsafe_pkg).scope;
    let pointer = world.new_obj(Object {
        pkg: Some(unsafe_pkg),
        ..predeclared("Pointer", ObjKind::TypeName, ids::UNSAFE_POINTER)
    });
    world.insert(scope, pointer);
    for b in [
        Add, Alignof, Offsetof, Sizeof, Slice, SliceData, String, StringData,
    ] {
        let obj = world.new_builtin(b);
        world.obj_mut(obj).pkg = Some(unsafe_pkg);
        world.insert(scope, obj);
    }
    world.unsafe_pkg = unsafe_pkg;
}

/// Adds go/types' test harness builtins `assert` and `trace` to the universe.
pub(crate) fn add_test_funcs(world: &mut World) {
    if world.test_funcs {
        return;
    }
    world.test_funcs = true;
    let universe = world.universe;
    for b in [Builtin::Assert, Builtin::Trace] {
        let obj = world.new_builtin(b);
        world.insert(universe, obj);
    }
}
