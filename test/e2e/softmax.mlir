// Softmax and logsumexp, with both lowerings (the default, one exp per
// element, and --online-softmax, a running max and sum per vector lane),
// against the reference interpreter. Row lengths cover the lane split (1000:
// 62 chunks of 16 and a tail of 8; 33: a tail of 1; 32: no tail), rows too
// short for it (7), and reductions over a non-innermost axis.
// Random inputs over a wide range (exps over and under flow relative to
// the max):
// RUN: %python %S/check.py %s --tlc tlc --work %t/random --low -60 --high 60
// RUN: %python %S/check.py %s --tlc tlc --work %t/random-online --low -60 --high 60 --tlc-arg=--online-softmax
// Special values, one kind per row: -inf among finite values, -inf
// throughout (softmax NaN, logsumexp -inf), one +inf, a NaN, two +inf in
// different lanes and in the same lane, and +inf with a NaN:
// RUN: %python %S/check.py %s --tlc tlc --work %t/special --trials 1 --inputs "__import__('runpy').run_path('%S/softmax_inputs.py')['inputs']"
// RUN: %python %S/check.py %s --tlc tlc --work %t/special-online --trials 1 --tlc-arg=--online-softmax --inputs "__import__('runpy').run_path('%S/softmax_inputs.py')['inputs']"
func.func @softmax(%x: tensor<8x1000xf32>, %y: tensor<8x33xf64>, %z: tensor<8x7xf32>, %w: tensor<8x32xf32>)
    -> (tensor<8x1000xf32>, tensor<8x33xf64>, tensor<8x7xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<8xf64>, tensor<8x1000xf32>, tensor<1000xf32>, tensor<8xf32>) {
  %a = tl.softmax %x axis 1 : tensor<8x1000xf32> -> tensor<8x1000xf32>
  %b = tl.softmax %y axis 1 : tensor<8x33xf64> -> tensor<8x33xf64>
  %c = tl.softmax %z axis 1 : tensor<8x7xf32> -> tensor<8x7xf32>
  %d = tl.softmax %w axis 1 : tensor<8x32xf32> -> tensor<8x32xf32>
  %e = tl.reduce logsumexp %x axes [1] : tensor<8x1000xf32> -> tensor<8xf32>
  %f = tl.reduce logsumexp %y axes [1] : tensor<8x33xf64> -> tensor<8xf64>
  %g = tl.softmax %x axis 0 : tensor<8x1000xf32> -> tensor<8x1000xf32>
  %h = tl.reduce logsumexp %x axes [0] : tensor<8x1000xf32> -> tensor<1000xf32>
  %i = tl.reduce logsumexp %w axes [1] : tensor<8x32xf32> -> tensor<8xf32>
  return %a, %b, %c, %d, %e, %f, %g, %h, %i : tensor<8x1000xf32>, tensor<8x33xf64>, tensor<8x7xf32>, tensor<8x32xf32>, tensor<8xf32>, tensor<8xf64>, tensor<8x1000xf32>, tensor<1000xf32>, tensor<8xf32>
}
