// Every diagnostic of the tl.fused verifier (TLOps.cpp), and tl.yield's
// parent constraint.
// RUN: tlc-opt %s -split-input-file -verify-diagnostics

func.func @no_results(%a: tensor<2xf32>) {
  // expected-error @+1 {{'tl.fused' op needs at least one result}}
  "tl.fused"(%a) ({
  ^bb0(%x: tensor<2xf32>):
    "tl.yield"() : () -> ()
  }) : (tensor<2xf32>) -> ()
  return
}

// -----

func.func @unsupported_operand(%a: tensor<2xf16>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op operand #0 has element type 'f16', which is not supported yet (supported: f32, f64, i32, i64, i1)}}
  %r = tl.fused %a : tensor<2xf16> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf16>):
    %c = tl.constant dense<1.0> : tensor<2xf32>
    tl.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @dynamic_result(%a: tensor<2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'tl.fused' op yielded value #0 has type 'tensor<2xf32>' but result #0 has type 'tensor<?xf32>'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<?xf32> {
  ^bb0(%x: tensor<2xf32>):
    tl.yield %x : tensor<2xf32>
  }
  return %r : tensor<?xf32>
}

// -----

func.func @argument_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body has 0 argument(s) but there are 1 operand(s)}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
    %c = tl.constant dense<1.0> : tensor<2xf32>
    tl.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @argument_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body argument #0 has type 'tensor<3xf32>' but operand #0 has type 'tensor<2xf32>'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<3xf32>):
    %c = tl.constant dense<1.0> : tensor<2xf32>
    tl.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @foreign_op(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body may hold only tl ops, but holds 'arith.addf'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    %y = arith.addf %x, %x : tensor<2xf32>
    tl.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @nested(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body may not hold 'tl.fused'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    %y = tl.fused %x : tensor<2xf32> -> tensor<2xf32> {
    ^bb0(%z: tensor<2xf32>):
      tl.yield %z : tensor<2xf32>
    }
    tl.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @fixpoint_inside(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body may not hold 'tl.fixpoint'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    %y, %ok = tl.fixpoint %x {max_iterations = 2 : i64} : tensor<2xf32> -> tensor<2xf32>, tensor<i1> {
    ^bb0(%s: tensor<2xf32>):
      tl.yield %s : tensor<2xf32>
    }
    tl.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @no_terminator(%a: tensor<2xf32>) -> tensor<2xf32> {
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    // expected-error @+1 {{block with no terminator}}
    %y = tl.map "i->i" neg %x : tensor<2xf32> -> tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.fused' op body yields 2 value(s) but there are 1 result(s)}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    tl.yield %x, %x : tensor<2xf32>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_type(%a: tensor<2xf32>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.fused' op yielded value #0 has type 'tensor<2xf32>' but result #0 has type 'tensor<2xi1>'}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xi1> {
  ^bb0(%x: tensor<2xf32>):
    tl.yield %x : tensor<2xf32>
  }
  return %r : tensor<2xi1>
}

// -----

func.func @uses_value_from_above(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-note @+1 {{required by region isolation constraints}}
  %r = tl.fused %a : tensor<2xf32> -> tensor<2xf32> {
  ^bb0(%x: tensor<2xf32>):
    // expected-error @+1 {{'tl.map' op using value defined outside the region}}
    %y = tl.map "i,i->i" add %x, %a : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
    tl.yield %y : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_outside(%a: tensor<2xf32>) {
  // expected-error @+1 {{'tl.yield' op expects parent op to be one of 'tl.fixpoint, tl.fused'}}
  tl.yield %a : tensor<2xf32>
}
