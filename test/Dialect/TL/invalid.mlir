// Every diagnostic of the tl verifiers (TLOps.cpp, EinsumSpec.cpp) and of the
// parser for tl's attributes.
// RUN: tlc-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Attributes and types rejected by the parser / ODS constraints
//===----------------------------------------------------------------------===//

func.func @unknown_semiring(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{expected ::tlc::tl::Semiring to be one of: plus_times, or_and, max_plus, min_plus, max_times}}
  // expected-error @+1 {{failed to parse TL_SemiringAttr parameter 'value'}}
  %r = tl.einsum "i->i" %a {semiring = #tl.semiring<plus_max>} : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @unknown_map_fn(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'fn'}}
  %r = tl.map "i->i" softplus %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @unknown_reduce_kind(%a: tensor<2xf32>) -> tensor<f32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'kind'}}
  %r = tl.reduce avg %a axes [0] : tensor<2xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @unranked_operand(%a: tensor<*xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.einsum' op operand #0 must be variadic of ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %r = tl.einsum "i->i" %a : tensor<*xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @unranked_result(%a: tensor<2xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'tl.map' op result #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %r = "tl.map"(%a) <{spec = "i->i", fn = 13 : i32}> : (tensor<2xf32>) -> tensor<*xf32>
  return %r : tensor<*xf32>
}

// -----

func.func @memref_operand(%a: memref<2xf32>) -> tensor<f32> {
  // expected-error @+1 {{'tl.reduce' op operand #0 must be ranked tensor of any type values, but got 'memref<2xf32>'}}
  %r = "tl.reduce"(%a) <{kind = 0 : i32, axes = array<i64: 0>}> : (memref<2xf32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

// The custom syntax only accepts tensor types.
func.func @memref_custom_syntax(%a: memref<2xf32>) -> tensor<f32> {
  // expected-error @+1 {{custom op 'tl.reduce' invalid kind of type specified: expected builtin.tensor, but found 'memref<2xf32>'}}
  %r = tl.reduce sum %a axes [0] : memref<2xf32> -> tensor<f32>
  return %r : tensor<f32>
}

//===----------------------------------------------------------------------===//
// Element types and shapes (shared by all ops)
//===----------------------------------------------------------------------===//

// -----

func.func @f16_operand(%a: tensor<2xf16>) -> tensor<2xf16> {
  // expected-error @+1 {{'tl.einsum' op operand #0 has element type 'f16', which is not supported yet (supported: f32, f64, i32, i64, i1)}}
  %r = tl.einsum "i->i" %a : tensor<2xf16> -> tensor<2xf16>
  return %r : tensor<2xf16>
}

// -----

func.func @bf16_operand(%a: tensor<2xbf16>) -> tensor<2xbf16> {
  // expected-error @+1 {{'tl.map' op operand #0 has element type 'bf16', which is not supported yet (supported: f32, f64, i32, i64, i1)}}
  %r = tl.map "i->i" exp %a : tensor<2xbf16> -> tensor<2xbf16>
  return %r : tensor<2xbf16>
}

// -----

func.func @f16_result(%a: tensor<2xf32>) -> tensor<2xf16> {
  // expected-error @+1 {{'tl.map' op result has element type 'f16', which is not supported yet}}
  %r = tl.map "i->i" cast %a : tensor<2xf32> -> tensor<2xf16>
  return %r : tensor<2xf16>
}

// -----

func.func @i8_operand(%a: tensor<2xi8>) -> tensor<2xi8> {
  // expected-error @+1 {{'tl.einsum' op operand #0 has unsupported element type 'i8' (supported: f32, f64, i32, i64, i1)}}
  %r = tl.einsum "i->i" %a : tensor<2xi8> -> tensor<2xi8>
  return %r : tensor<2xi8>
}

// -----

func.func @i16_second_operand(%a: tensor<2xi32>, %b: tensor<2xi16>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.einsum' op operand #1 has unsupported element type 'i16'}}
  %r = tl.einsum "i,i->i" %a, %b : tensor<2xi32>, tensor<2xi16> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @unsigned_operand(%a: tensor<2xui32>) -> tensor<ui32> {
  // expected-error @+1 {{'tl.reduce' op operand #0 has unsupported element type 'ui32'}}
  %r = tl.reduce sum %a axes [0] : tensor<2xui32> -> tensor<ui32>
  return %r : tensor<ui32>
}

// -----

func.func @complex_operand(%a: tensor<2xcomplex<f32>>) -> tensor<2xcomplex<f32>> {
  // expected-error @+1 {{'tl.softmax' op operand #0 has unsupported element type 'complex<f32>'}}
  %r = tl.softmax %a axis 0 : tensor<2xcomplex<f32>> -> tensor<2xcomplex<f32>>
  return %r : tensor<2xcomplex<f32>>
}

// -----

func.func @index_result(%a: tensor<2xi64>) -> tensor<2xindex> {
  // expected-error @+1 {{'tl.map' op result has unsupported element type 'index'}}
  %r = tl.map "i->i" cast %a : tensor<2xi64> -> tensor<2xindex>
  return %r : tensor<2xindex>
}

// -----

// '?' is the batch size, one size for the whole function: it matches only
// itself.
func.func @dynamic_operand(%a: tensor<?xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.einsum' op result shape [2] does not match the shape [?] computed from the spec and operands}}
  %r = tl.einsum "i->i" %a : tensor<?xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @dynamic_result(%a: tensor<2x3xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'tl.map' op result shape [2, ?] does not match the shape [2, 3] computed from the spec and operands}}
  %r = tl.map "ij->ij" exp %a : tensor<2x3xf32> -> tensor<2x?xf32>
  return %r : tensor<2x?xf32>
}

// -----

func.func @dynamic_mismatch(%a: tensor<?x3xf32>, %b: tensor<4x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'tl.map' op spec "ij,ij->ij": index 'i' has size ? in operand #0 (dimension 0) but 4 in operand #1 (dimension 0)}}
  %r = tl.map "ij,ij->ij" add %a, %b : tensor<?x3xf32>, tensor<4x3xf32> -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// tl.einsum: types and semirings
//===----------------------------------------------------------------------===//

// -----

func.func @einsum_element_mismatch(%a: tensor<2x3xf32>, %b: tensor<3x4xf64>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'tl.einsum' op operand #1 has element type 'f64' but the result has 'f32'; all must match}}
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf64> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @einsum_result_element_mismatch(%a: tensor<2x3xi32>) -> tensor<2x3xi64> {
  // expected-error @+1 {{'tl.einsum' op operand #0 has element type 'i32' but the result has 'i64'; all must match}}
  %r = tl.einsum "ij->ij" %a : tensor<2x3xi32> -> tensor<2x3xi64>
  return %r : tensor<2x3xi64>
}

// -----

func.func @or_and_on_f32(%a: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'tl.einsum' op semiring 'or_and' needs i1 (Boolean) elements, got 'f32'}}
  %r = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<or_and>} : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @or_and_on_i32(%a: tensor<2x2xi32>) -> tensor<2x2xi32> {
  // expected-error @+1 {{'tl.einsum' op semiring 'or_and' needs i1 (Boolean) elements, got 'i32'}}
  %r = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<or_and>} : tensor<2x2xi32>, tensor<2x2xi32> -> tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// -----

func.func @max_plus_on_i1(%a: tensor<2x2xi1>) -> tensor<2x2xi1> {
  // expected-error @+1 {{'tl.einsum' op semiring 'max_plus' needs numeric elements, got i1 (use or_and)}}
  %r = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<max_plus>} : tensor<2x2xi1>, tensor<2x2xi1> -> tensor<2x2xi1>
  return %r : tensor<2x2xi1>
}

// -----

func.func @min_plus_on_i1(%a: tensor<2x2xi1>) -> tensor<2x2xi1> {
  // expected-error @+1 {{'tl.einsum' op semiring 'min_plus' needs numeric elements, got i1 (use or_and)}}
  %r = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<min_plus>} : tensor<2x2xi1>, tensor<2x2xi1> -> tensor<2x2xi1>
  return %r : tensor<2x2xi1>
}

// -----

func.func @max_times_on_i1(%a: tensor<2x2xi1>) -> tensor<2x2xi1> {
  // expected-error @+1 {{'tl.einsum' op semiring 'max_times' needs numeric elements, got i1 (use or_and)}}
  %r = tl.einsum "ij,jk->ik" %a, %a {semiring = #tl.semiring<max_times>} : tensor<2x2xi1>, tensor<2x2xi1> -> tensor<2x2xi1>
  return %r : tensor<2x2xi1>
}

//===----------------------------------------------------------------------===//
// tl.einsum: malformed specs
//===----------------------------------------------------------------------===//

// -----

func.func @spec_lone_dot(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tl.einsum' op spec "i.j->ij": malformed spec: '.' at position 1 is not part of an ellipsis '...'}}
  %r = tl.einsum "i.j->ij" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_two_dots(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "..ij->ij": malformed spec: '.' at position 0 is not part of an ellipsis '...'}}
  %r = tl.einsum "..ij->ij" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_four_dots(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "....ij->...ij": malformed spec: '.' at position 3 is not part of an ellipsis '...'}}
  %r = tl.einsum "....ij->...ij" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_dot_in_output(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "ij->i.j": malformed spec: '.' at position 5 is not part of an ellipsis '...'}}
  %r = tl.einsum "ij->i.j" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_two_ellipses(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "...i...->i": malformed spec: more than one ellipsis in one term at position 4}}
  %r = tl.einsum "...i...->i" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_two_ellipses_output(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "...->......": malformed spec: more than one ellipsis in one term at position 8}}
  %r = tl.einsum "...->......" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_digit(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "i1->i1": malformed spec: unexpected character '1' at position 1 (expected a letter a-z or A-Z, '...', ',' or '->')}}
  %r = tl.einsum "i1->i1" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_underscore_in_output(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{malformed spec: unexpected character '_' at position 5}}
  %r = tl.einsum "ij->i_j" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @spec_non_ascii(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{malformed spec: unexpected character 0xc3 at position 0}}
  %r = tl.einsum "é->é" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_tab(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{malformed spec: unexpected character 0x09 at position 1}}
  %r = tl.einsum "i\09->i" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_two_arrows(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "i->i->i": malformed spec: more than one '->'}}
  %r = tl.einsum "i->i->i" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_lone_minus(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "i-i": malformed spec: '-' at position 1 is not part of '->'}}
  %r = tl.einsum "i-i" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_trailing_minus(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "i->i-": malformed spec: '-' at position 4 is not part of '->'}}
  %r = tl.einsum "i->i-" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_lone_greater(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec ">i": malformed spec: '>' at position 0 is not part of '->'}}
  %r = tl.einsum ">i" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_spaced_arrow(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "i- >i": malformed spec: '-' at position 1 is not part of '->'}}
  %r = tl.einsum "i- >i" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_comma_in_output(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "i,i->i,i": malformed spec: ',' in the output term}}
  %r = tl.einsum "i,i->i,i" %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// tl.einsum: spec against operands
//===----------------------------------------------------------------------===//

// -----

func.func @spec_too_few_terms(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{spec "ij->ij": spec has 1 input term(s) but the op has 2 operand(s)}}
  %r = tl.einsum "ij->ij" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @spec_too_many_terms(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "ij,jk,kl->il": spec has 3 input term(s) but the op has 1 operand(s)}}
  %r = tl.einsum "ij,jk,kl->il" %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// The custom syntax cannot spell an einsum without operands.
func.func @einsum_no_operands() -> tensor<f32> {
  // expected-error @+1 {{spec "": spec has 1 input term(s) but the op has 0 operand(s)}}
  %r = "tl.einsum"() <{spec = ""}> : () -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @spec_rank_too_high(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "ijk->i": operand #0 has rank 2 but its term 'ijk' names 3 dimension(s)}}
  %r = tl.einsum "ijk->i" %a : tensor<2x3xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_rank_too_low(%a: tensor<2x3xf32>, %b: tensor<3x4x5xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{spec "ij,jk->ik": operand #1 has rank 3 but its term 'jk' names 2 dimension(s)}}
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4x5xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

func.func @spec_rank_with_ellipsis(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "...ij->...ij": operand #0 has rank 1 but its term 'ij' names 2 dimension(s) (plus an ellipsis)}}
  %r = tl.einsum "...ij->...ij" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @spec_scalar_term_rank(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "->": operand #0 has rank 1 but its term '' names 0 dimension(s)}}
  %r = tl.einsum "->" %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @letter_two_sizes(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{spec "ij,jk->ik": index 'j' has size 3 in operand #0 (dimension 1) but 4 in operand #1 (dimension 0)}}
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<4x5xf32> -> tensor<2x5xf32>
  return %r : tensor<2x5xf32>
}

// -----

func.func @diagonal_two_sizes(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{spec "ii->i": index 'i' has size 2 in operand #0 (dimension 0) but 3 in operand #0 (dimension 1)}}
  %r = tl.einsum "ii->i" %a : tensor<2x3xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @output_letter_two_sizes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "ij,ij->ij": index 'i' has size 2 in operand #0 (dimension 0) but 3 in operand #1 (dimension 0)}}
  %r = tl.einsum "ij,ij->ij" %a, %b : tensor<2x3xf32>, tensor<3x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @ellipsis_two_sizes(%a: tensor<2x3x4xf32>, %b: tensor<5x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{spec "...i,...i->...": ellipsis dimension #1 has size 3 in operand #0 (dimension 1) but 5 in operand #1 (dimension 0)}}
  %r = tl.einsum "...i,...i->..." %a, %b : tensor<2x3x4xf32>, tensor<5x4xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @output_letter_not_in_input(%a: tensor<2x3xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{spec "ij->ijk": output index 'k' does not appear in any input term}}
  %r = tl.einsum "ij->ijk" %a : tensor<2x3xf32> -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}

// -----

func.func @output_letter_repeated(%a: tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{spec "ij->ii": output index 'i' appears more than once}}
  %r = tl.einsum "ij->ii" %a : tensor<2x2xf32> -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @output_without_ellipsis(%a: tensor<5x2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{spec "...ij,jk->ik": output has no '...' but the inputs' ellipsis covers 1 dimension(s)}}
  %r = tl.einsum "...ij,jk->ik" %a, %b : tensor<5x2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// numpy rejects "...->" too: an ellipsis cannot be summed away.
func.func @output_empty_without_ellipsis(%a: tensor<3x2xf32>) -> tensor<f32> {
  // expected-error @+1 {{spec "...->": output has no '...' but the inputs' ellipsis covers 2 dimension(s)}}
  %r = tl.einsum "...->" %a : tensor<3x2xf32> -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @einsum_result_shape(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'tl.einsum' op result shape [4, 2] does not match the shape [2, 4] computed from the spec and operands}}
  %r = tl.einsum "ij,jk->ik" %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

func.func @einsum_result_rank(%a: tensor<3x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'tl.einsum' op result shape [3] does not match the shape [] computed from the spec and operands}}
  %r = tl.einsum "ii" %a : tensor<3x3xf32> -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// -----

// Implicit output "ik" (sorted), not "ki".
func.func @einsum_implicit_order(%a: tensor<4x3xf32>, %b: tensor<3x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{result shape [4, 2] does not match the shape [2, 4] computed from the spec and operands}}
  %r = tl.einsum "kj,ji" %a, %b : tensor<4x3xf32>, tensor<3x2xf32> -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

// Size-1 broadcasting gives the larger size.
func.func @einsum_broadcast_result(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>) -> tensor<3x1xf32> {
  // expected-error @+1 {{result shape [3, 1] does not match the shape [3, 4] computed from the spec and operands}}
  %r = tl.einsum "ij,ij->ij" %a, %b : tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x1xf32>
  return %r : tensor<3x1xf32>
}

//===----------------------------------------------------------------------===//
// tl.map
//===----------------------------------------------------------------------===//

// -----

func.func @map_no_operands() -> tensor<f32> {
  // expected-error @+1 {{'tl.map' op needs at least one tensor operand}}
  %r = "tl.map"() <{spec = "->", fn = 13 : i32, scalar = 1.0 : f64}> : () -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @map_arity_unary(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'relu' takes 1 argument(s) but got 2 (2 operand(s))}}
  %r = tl.map "i,i->i" relu %a, %a : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_arity_unary_scalar(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'exp' takes 1 argument(s) but got 2 (1 operand(s) + scalar)}}
  %r = tl.map "i->i" exp %a {scalar = 2.0 : f64} : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_arity_binary(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'add' takes 2 argument(s) but got 1 (1 operand(s))}}
  %r = tl.map "i->i" add %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_arity_binary_scalar(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'mul' takes 2 argument(s) but got 3 (2 operand(s) + scalar)}}
  %r = tl.map "i,i->i" mul %a, %a {scalar = 2.0 : f64} : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_arity_select(%c: tensor<2xi1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'select' takes 3 argument(s) but got 2 (2 operand(s))}}
  %r = tl.map "i,i->i" select %c, %a : tensor<2xi1>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_arity_not(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'not' takes 1 argument(s) but got 2 (2 operand(s))}}
  %r = tl.map "i,i->i" not %a, %a : tensor<2xi1>, tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_spec_implicit(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "i": map spec needs an explicit output ('->')}}
  %r = tl.map "i" exp %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_spec_malformed(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "i->i;": malformed spec: unexpected character ';' at position 4}}
  %r = tl.map "i->i;" exp %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_spec_terms(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "i->i": spec has 1 input term(s) but the op has 2 tensor operand(s)}}
  %r = tl.map "i->i" add %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_ellipsis_output(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "i->...i": ellipsis is not supported in map specs (the output)}}
  %r = tl.map "i->...i" exp %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_ellipsis_operand(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "...->i": ellipsis is not supported in map specs (operand #0)}}
  %r = tl.map "...->i" exp %a : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_repeated_output(%a: tensor<2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'tl.map' op spec "i->ii": index 'i' appears more than once in the output}}
  %r = tl.map "i->ii" exp %a : tensor<2xf32> -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

func.func @map_diagonal_operand(%a: tensor<2x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "ii->i": index 'i' appears more than once in operand #0}}
  %r = tl.map "ii->i" exp %a : tensor<2x2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tl.map' op spec "ij,ij->ij": operand #1 has rank 1 but its term 'ij' names 2 dimension(s)}}
  %r = tl.map "ij,ij->ij" add %a, %b : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @map_reduces(%a: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op spec "ij->i": index 'j' of operand #0 is not in the output (tl.map does not reduce)}}
  %r = tl.map "ij->i" exp %a : tensor<2x3xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

// tl.map aligns operands by name; it does not broadcast size-1 dimensions.
func.func @map_two_sizes(%a: tensor<2x3xf32>, %b: tensor<1x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tl.map' op spec "ij,ij->ij": index 'i' has size 2 in operand #0 (dimension 0) but 1 in operand #1 (dimension 0)}}
  %r = tl.map "ij,ij->ij" add %a, %b : tensor<2x3xf32>, tensor<1x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @map_output_letter_unused(%a: tensor<2xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tl.map' op spec "i->ij": output index 'j' does not appear in any input term}}
  %r = tl.map "i->ij" exp %a : tensor<2xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @map_result_shape(%a: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'tl.map' op result shape [2, 3] does not match the shape [3, 2] computed from the spec and operands}}
  %r = tl.map "ij->ji" exp %a : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

func.func @map_select_condition(%c: tensor<2xf32>, %a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op select's condition (operand #0) must be i1, got 'f32'}}
  %r = tl.map "i,i,i->i" select %c, %a, %a : tensor<2xf32>, tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_select_branches(%c: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xi32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op operand #2 has element type 'i32' but operand #1 has 'f32'}}
  %r = tl.map "i,i,i->i" select %c, %a, %b : tensor<2xi1>, tensor<2xf32>, tensor<2xi32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_select_result(%c: tensor<2xi1>, %a: tensor<2xf32>) -> tensor<2xf64> {
  // expected-error @+1 {{'tl.map' op function 'select' produces 'f32', but the result has element type 'f64'}}
  %r = tl.map "i,i,i->i" select %c, %a, %a : tensor<2xi1>, tensor<2xf32>, tensor<2xf32> -> tensor<2xf64>
  return %r : tensor<2xf64>
}

// -----

func.func @map_operand_types(%a: tensor<2xf32>, %b: tensor<2xf64>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op operand #1 has element type 'f64' but operand #0 has 'f32'}}
  %r = tl.map "i,i->i" add %a, %b : tensor<2xf32>, tensor<2xf64> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_exp_on_int(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op function 'exp' needs floating-point operands, got 'i32'}}
  %r = tl.map "i->i" exp %a : tensor<2xi32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @map_sigmoid_on_int(%a: tensor<2xi64>) -> tensor<2xi64> {
  // expected-error @+1 {{'tl.map' op function 'sigmoid' needs floating-point operands, got 'i64'}}
  %r = tl.map "i->i" sigmoid %a : tensor<2xi64> -> tensor<2xi64>
  return %r : tensor<2xi64>
}

// -----

func.func @map_pow_on_int(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op function 'pow' needs floating-point operands, got 'i32'}}
  %r = tl.map "i->i" pow %a {scalar = 2.0 : f64} : tensor<2xi32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @map_sqrt_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'sqrt' needs floating-point operands, got 'i1'}}
  %r = tl.map "i->i" sqrt %a : tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_and_on_f32(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op function 'and' needs i1 (Boolean) operands, got 'f32'}}
  %r = tl.map "i,i->i" and %a, %a : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_not_on_i32(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op function 'not' needs i1 (Boolean) operands, got 'i32'}}
  %r = tl.map "i->i" not %a : tensor<2xi32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @map_xor_on_f64(%a: tensor<2xf64>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'xor' needs i1 (Boolean) operands, got 'f64'}}
  %r = tl.map "i,i->i" xor %a, %a : tensor<2xf64>, tensor<2xf64> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_add_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'add' needs numeric operands, got i1}}
  %r = tl.map "i,i->i" add %a, %a : tensor<2xi1>, tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_neg_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'neg' needs numeric operands, got i1}}
  %r = tl.map "i->i" neg %a : tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_one_minus_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'one_minus' needs numeric operands, got i1}}
  %r = tl.map "i->i" one_minus %a : tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_relu_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op function 'relu' needs numeric operands, got i1}}
  %r = tl.map "i->i" relu %a : tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_scalar_on_i1(%a: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{'tl.map' op a scalar attribute cannot be combined with i1 operands}}
  %r = tl.map "i->i" max %a {scalar = 1.0 : f64} : tensor<2xi1> -> tensor<2xi1>
  return %r : tensor<2xi1>
}

// -----

func.func @map_scalar_not_f64(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op attribute 'scalar' failed to satisfy constraint: 64-bit float attribute}}
  %r = tl.map "i->i" mul %a {scalar = 2.0 : f32} : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_compare_result(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'tl.map' op comparison 'lt' produces i1, but the result has element type 'f32'}}
  %r = tl.map "i,i->i" lt %a, %a : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func @map_compare_result_int(%a: tensor<2xi32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op comparison 'eq' produces i1, but the result has element type 'i32'}}
  %r = tl.map "i->i" eq %a {scalar = 0.0 : f64} : tensor<2xi32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @map_step_result(%a: tensor<2xf32>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op step produces 'f32' or i1, but the result has element type 'i32'}}
  %r = tl.map "i->i" step %a : tensor<2xf32> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

// -----

func.func @map_step_result_f64(%a: tensor<2xi64>) -> tensor<2xf64> {
  // expected-error @+1 {{'tl.map' op step produces 'i64' or i1, but the result has element type 'f64'}}
  %r = tl.map "i->i" step %a : tensor<2xi64> -> tensor<2xf64>
  return %r : tensor<2xf64>
}

// -----

func.func @map_result_type(%a: tensor<2xf32>) -> tensor<2xf64> {
  // expected-error @+1 {{'tl.map' op function 'exp' produces 'f32', but the result has element type 'f64'}}
  %r = tl.map "i->i" exp %a : tensor<2xf32> -> tensor<2xf64>
  return %r : tensor<2xf64>
}

// -----

func.func @map_result_type_bool(%a: tensor<2xi1>) -> tensor<2xi32> {
  // expected-error @+1 {{'tl.map' op function 'and' produces 'i1', but the result has element type 'i32'}}
  %r = tl.map "i,i->i" and %a, %a : tensor<2xi1>, tensor<2xi1> -> tensor<2xi32>
  return %r : tensor<2xi32>
}

//===----------------------------------------------------------------------===//
// tl.reduce
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_element_type(%a: tensor<4x5xf32>) -> tensor<4xf64> {
  // expected-error @+1 {{'tl.reduce' op result element type 'f64' differs from the input's 'f32'}}
  %r = tl.reduce sum %a axes [1] : tensor<4x5xf32> -> tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

func.func @reduce_mean_on_int(%a: tensor<4x5xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'tl.reduce' op reduction 'mean' needs floating-point elements, got 'i32'}}
  %r = tl.reduce mean %a axes [1] : tensor<4x5xi32> -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

func.func @reduce_logsumexp_on_i1(%a: tensor<4x5xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{'tl.reduce' op reduction 'logsumexp' needs floating-point elements, got 'i1'}}
  %r = tl.reduce logsumexp %a axes [1] : tensor<4x5xi1> -> tensor<4xi1>
  return %r : tensor<4xi1>
}

// -----

func.func @reduce_axis_too_large(%a: tensor<4x5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tl.reduce' op axis 2 is out of range for rank 2}}
  %r = tl.reduce sum %a axes [2] : tensor<4x5xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @reduce_axis_negative(%a: tensor<4x5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tl.reduce' op axis -1 is out of range for rank 2}}
  %r = tl.reduce sum %a axes [-1] : tensor<4x5xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @reduce_axis_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'tl.reduce' op axis 0 is out of range for rank 0}}
  %r = tl.reduce max %a axes [0] : tensor<f32> -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @reduce_axis_twice(%a: tensor<4x5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tl.reduce' op axis 1 is listed more than once}}
  %r = tl.reduce sum %a axes [1, 1] : tensor<4x5xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @reduce_result_shape(%a: tensor<4x5xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'tl.reduce' op result shape [5] does not match the input shape without the reduced axes, [4]}}
  %r = tl.reduce sum %a axes [1] : tensor<4x5xf32> -> tensor<5xf32>
  return %r : tensor<5xf32>
}

// -----

// The reduced axes are dropped, not kept with size 1.
func.func @reduce_keepdims(%a: tensor<4x5xf32>) -> tensor<4x1xf32> {
  // expected-error @+1 {{'tl.reduce' op result shape [4, 1] does not match the input shape without the reduced axes, [4]}}
  %r = tl.reduce sum %a axes [1] : tensor<4x5xf32> -> tensor<4x1xf32>
  return %r : tensor<4x1xf32>
}

//===----------------------------------------------------------------------===//
// tl.softmax
//===----------------------------------------------------------------------===//

// -----

func.func @softmax_int(%a: tensor<4x5xi32>) -> tensor<4x5xi32> {
  // expected-error @+1 {{'tl.softmax' op needs floating-point elements, got 'i32'}}
  %r = tl.softmax %a axis 1 : tensor<4x5xi32> -> tensor<4x5xi32>
  return %r : tensor<4x5xi32>
}

// -----

func.func @softmax_result_type(%a: tensor<4x5xf32>) -> tensor<4x5xf64> {
  // expected-error @+1 {{'tl.softmax' op result type 'tensor<4x5xf64>' must equal the input type 'tensor<4x5xf32>'}}
  %r = tl.softmax %a axis 1 : tensor<4x5xf32> -> tensor<4x5xf64>
  return %r : tensor<4x5xf64>
}

// -----

func.func @softmax_result_shape(%a: tensor<4x5xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tl.softmax' op result type 'tensor<4xf32>' must equal the input type 'tensor<4x5xf32>'}}
  %r = tl.softmax %a axis 1 : tensor<4x5xf32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @softmax_axis_too_large(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'tl.softmax' op axis 2 is out of range for rank 2}}
  %r = tl.softmax %a axis 2 : tensor<4x5xf32> -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @softmax_axis_negative(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'tl.softmax' op axis -1 is out of range for rank 2}}
  %r = tl.softmax %a axis -1 : tensor<4x5xf32> -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// -----

func.func @softmax_rank0(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'tl.softmax' op axis 0 is out of range for rank 0}}
  %r = tl.softmax %a axis 0 : tensor<f32> -> tensor<f32>
  return %r : tensor<f32>
}

//===----------------------------------------------------------------------===//
// tl.constant
//===----------------------------------------------------------------------===//

// -----

func.func @constant_bf16() {
  // expected-error @+1 {{'tl.constant' op result has element type 'bf16', which is not supported yet (supported: f32, f64, i32, i64, i1)}}
  %r = tl.constant dense<1.0> : tensor<2xbf16>
  return
}

// -----

func.func @constant_i8() {
  // expected-error @+1 {{'tl.constant' op result has unsupported element type 'i8' (supported: f32, f64, i32, i64, i1)}}
  %r = tl.constant dense<1> : tensor<2xi8>
  return
}

// -----

func.func @constant_type_mismatch() {
  // expected-error @+1 {{'tl.constant' op failed to verify that all of {value, result} have same type}}
  %r = "tl.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return
}
