// Every diagnostic of the tl.fixpoint and tl.yield verifiers (TLOps.cpp).
// RUN: tlc-opt %s -split-input-file -verify-diagnostics

func.func @no_state() -> tensor<i1> {
  // expected-error @+1 {{'tl.fixpoint' op needs at least one state value}}
  %ok = "tl.fixpoint"() <{max_iterations = 1 : i64, tolerance = 0.0 : f64}> ({
    "tl.yield"() : () -> ()
  }) : () -> tensor<i1>
  return %ok : tensor<i1>
}

// -----

func.func @missing_bound(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op requires attribute 'max_iterations'}}
  %r, %ok = tl.fixpoint %a : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @unsupported_element_type(%a: tensor<2xf16>) -> tensor<2xf16> {
  // expected-error @+1 {{'tl.fixpoint' op state #0 has element type 'f16', which is not supported yet (supported: f32, f64, i32, i64, i1)}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf16> -> tensor<2xf16>, tensor<i1> {
  ^bb0(%s: tensor<2xf16>):
    tl.yield %s : tensor<2xf16>
  }
  return %r : tensor<2xf16>
}

// -----

func.func @too_many_results(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op has 1 state value(s) but 2 state result(s); expected one result per state value followed by the convergence flag}}
  %r:2, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r#0 : tensor<2xf32>
}

// -----

func.func @no_flag(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op has 1 state value(s) but 0 state result(s)}}
  %r = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @result_type(%a: tensor<2xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tl.fixpoint' op result #0 has type 'tensor<3xf32>' but state #0 has type 'tensor<2xf32>'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<3xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<3xf32>
}

// -----

func.func @flag_shape(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op last result (the convergence flag) must be tensor<i1>, got 'tensor<2xi1>'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<2xi1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @flag_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op last result (the convergence flag) must be tensor<i1>, got 'tensor<i32>'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i32> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @zero_iterations(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op max_iterations must be at least 1, got 0}}
  %r, %ok = tl.fixpoint %a {max_iterations = 0 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @negative_iterations(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op max_iterations must be at least 1, got -3}}
  %r, %ok = tl.fixpoint %a {max_iterations = -3 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @negative_tolerance(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op tolerance must be a non-negative number, got -1.0}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64, tolerance = -1.0 : f64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @nan_tolerance(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op tolerance must be a non-negative number, got nan}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64, tolerance = 0x7FF8000000000000 : f64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @body_arg_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op body has 2 argument(s) but there are 1 state value(s)}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>, %t: tensor<2xf32>):
    tl.yield %s : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @body_arg_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op body argument #0 has type 'tensor<2xf64>' but state #0 has type 'tensor<2xf32>'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf64>):
    %c = tl.constant dense<1.0> : tensor<2xf32>
    tl.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @foreign_op(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op body may hold only tl ops, but holds 'arith.addf'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    %n = arith.addf %s, %s : tensor<2xf32>
    tl.yield %n : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @no_terminator(%a: tensor<2xf32>) -> tensor<2xf32> {
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    // expected-error @+1 {{block with no terminator}}
    %n = tl.map "i->i" neg %s : tensor<2xf32> -> tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op body yields 2 value(s) but there are 1 state value(s)}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    tl.yield %s, %s : tensor<2xf32>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fixpoint' op yielded value #0 has type 'tensor<2xi1>' but state #0 has type 'tensor<2xf32>'}}
  %r, %ok = tl.fixpoint %a {max_iterations = 4 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
  ^bb0(%s: tensor<2xf32>):
    %z = tl.map "i->i" step %s : tensor<2xf32> -> tensor<2xi1>
    tl.yield %z : tensor<2xi1>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_outside(%a: tensor<2xf32>) {
  // expected-error @+1 {{'tl.yield' op expects parent op to be one of 'tl.fixpoint, tl.fused'}}
  tl.yield %a : tensor<2xf32>
}
