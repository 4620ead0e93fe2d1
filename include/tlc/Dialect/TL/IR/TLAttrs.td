//===- TLAttrs.td - TensorLogic enums and attributes ------*- tablegen -*-===//
#ifndef TLC_DIALECT_TL_IR_TLATTRS_TD
#define TLC_DIALECT_TL_IR_TLATTRS_TD

include "tlc/Dialect/TL/IR/TLDialect.td"

def TL_Semiring : I32EnumAttr<"Semiring", "einsum semiring: (reduce, combine)", [
    I32EnumAttrCase<"plus_times", 0>,
    I32EnumAttrCase<"or_and", 1>,
    I32EnumAttrCase<"max_plus", 2>,
    I32EnumAttrCase<"min_plus", 3>,
    I32EnumAttrCase<"max_times", 4>]> {
  let cppNamespace = "::tlc::tl";
  let genSpecializedAttr = 0;
}
def TL_SemiringAttr : EnumAttr<TL_Dialect, TL_Semiring, "semiring"> {
  let assemblyFormat = "`<` $value `>`";
}

def TL_MapFnAttr : I32EnumAttr<"MapFn", "elementwise function of tl.map", [
    // Binary arithmetic.
    I32EnumAttrCase<"add", 0>, I32EnumAttrCase<"sub", 1>,
    I32EnumAttrCase<"mul", 2>, I32EnumAttrCase<"div", 3>,
    I32EnumAttrCase<"max", 4>, I32EnumAttrCase<"min", 5>,
    I32EnumAttrCase<"pow", 6>,
    // Unary.
    I32EnumAttrCase<"relu", 10>, I32EnumAttrCase<"sigmoid", 11>,
    I32EnumAttrCase<"tanh", 12>, I32EnumAttrCase<"exp", 13>,
    I32EnumAttrCase<"log", 14>, I32EnumAttrCase<"sqrt", 15>,
    I32EnumAttrCase<"abs", 16>, I32EnumAttrCase<"neg", 17>,
    I32EnumAttrCase<"step", 18>, I32EnumAttrCase<"one_minus", 19>,
    I32EnumAttrCase<"cast", 20>,
    // Comparisons (result i1).
    I32EnumAttrCase<"eq", 30>, I32EnumAttrCase<"ne", 31>,
    I32EnumAttrCase<"lt", 32>, I32EnumAttrCase<"le", 33>,
    I32EnumAttrCase<"gt", 34>, I32EnumAttrCase<"ge", 35>,
    // Boolean (on i1).
    I32EnumAttrCase<"and_", 40, "and">, I32EnumAttrCase<"or_", 41, "or">,
    I32EnumAttrCase<"xor_", 42, "xor">, I32EnumAttrCase<"not_", 43, "not">,
    // Ternary: select(cond, a, b).
    I32EnumAttrCase<"select", 50>]> {
  let cppNamespace = "::tlc::tl";
}

def TL_ReduceKindAttr : I32EnumAttr<"ReduceKind", "reduction of tl.reduce", [
    I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"max", 1>,
    I32EnumAttrCase<"min", 2>, I32EnumAttrCase<"mean", 3>,
    I32EnumAttrCase<"prod", 4>, I32EnumAttrCase<"logsumexp", 5>]> {
  let cppNamespace = "::tlc::tl";
}

#endif
