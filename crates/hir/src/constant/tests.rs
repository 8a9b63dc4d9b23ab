//! Tests of constant values.
