//===- TLDialect.td - TensorLogic dialect definition ------*- tablegen -*-===//
#ifndef TLC_DIALECT_TL_IR_TLDIALECT_TD
#define TLC_DIALECT_TL_IR_TLDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def TL_Dialect : Dialect {
  let name = "tl";
  let cppNamespace = "::tlc::tl";
  let summary = "TensorLogic einsum-graph dialect";
  let description = [{
    The `tl` dialect holds TensorLogic programs: tensor equations written as
    einsums over a semiring followed by elementwise functions. Every op is
    side-effect free and works on statically shaped tensors of `f32`, `f64`,
    `i32`, `i64` or `i1` (Boolean) elements. Functions of a module are entry
    points: arguments are inputs and parameters, results are outputs. The
    optional argument/result attribute `tl.name` gives the name used in the
    generated C header.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class TL_Op<string mnemonic, list<Trait> traits = []>
    : Op<TL_Dialect, mnemonic, traits>;

#endif
