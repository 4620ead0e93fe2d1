//===- peers.cpp - The libraries tlc's CPU benchmarks compare against -----===//
//
// Times what people would use instead of tlc (OpenBLAS, oneDNN, Eigen, plain
// C loops in plain.c) on the workloads of the CPU benchmark suite, plus the
// machine's FMA and memory-bandwidth peaks, and prints one line per
// (workload, peer):
//
//   workload <TAB> peer <TAB> threads <TAB> median_ms <TAB> metric <TAB> unit
//
// Each time is the median of at least --repeats runs and 20 ms of runs,
// after 200 ms of warm-up (medianMs), inputs
// filled as bench/harness.c fills tlc's (the same LCG and seeds, values in
// [-1, 1]). Every peer's output is checked against a reference before its
// line is printed; a peer that disagrees ends the program with status 1 so
// a broken peer is never reported. Lines starting with '#' describe the
// libraries. Built and run by bench/bench_peers.sh:
//
//   peers [--threads N] [--repeats N] [--only SUBSTRING]
//
//===----------------------------------------------------------------------===//

#include "../bench_alloc.h"
#include "plain.h"

#include <Eigen/Core>
#include <cblas.h>
#include <immintrin.h>
#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace {

using Eigen::Index;
template <typename T>
using RowMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMatF = RowMat<float>;

struct Options {
  int threads = 1;
  int repeats = 20;
  std::string only;
};
Options opts;

// Zeroed storage from bench_alloc (as bench/harness.c gives tlc's code), so
// every peer gets the same vector-friendly start address and pages, and no
// peer pays for first-touch page faults.
template <typename T> struct Buffer {
  T *data = nullptr;
  size_t size = 0;
  explicit Buffer(size_t n) : size(n) {
    data = static_cast<T *>(bench_alloc(n * sizeof(T)));
    std::memset(data, 0, n * sizeof(T));
  }
  ~Buffer() { std::free(data); }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  T &operator[](size_t i) { return data[i]; }
  const T &operator[](size_t i) const { return data[i]; }
};

// The LCG of bench/harness.c, so the peers see the inputs tlc's code sees.
template <typename T> void fill(Buffer<T> &b, unsigned seed) {
  for (size_t i = 0; i < b.size; ++i) {
    seed = seed * 1664525u + 1013904223u;
    b[i] = static_cast<T>((seed >> 8) / double(1u << 24) * 2 - 1);
  }
}
// Input i gets the seed harness.c gives its i-th input.
constexpr unsigned seedOf(int input) { return 17u * (input + 1); }

double nowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch())
      .count();
}

bool selected(const char *workload) {
  return opts.only.empty() || std::strstr(workload, opts.only.c_str());
}

// OpenBLAS's pthread workers and libgomp's workers busy-wait for a while
// after a call (OpenBLAS for 2^THREAD_TIMEOUT = 2^28 cycles by default). On
// a 2-core machine one library's spinning pool would steal the core the next
// library's threads need, so let every pool go idle between peers.
void settle() {
  if (opts.threads > 1)
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
}

// The median of at least opts.repeats runs and at least 20 ms of runs,
// after 200 ms of warm-up: bench/harness.c's protocol for tlc's code
// (threads and cores take that long to reach steady speed). Callers check
// the output the runs leave behind.
template <typename F> double medianMs(F &&run) {
  settle();
  for (double start = nowMs(); nowMs() - start < 200;)
    run();
  std::vector<double> t;
  for (double begin = nowMs();
       t.size() < size_t(opts.repeats) || nowMs() - begin < 20;) {
    double start = nowMs();
    run();
    t.push_back(nowMs() - start);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

[[noreturn]] void fail(const char *workload, const char *peer,
                       const std::string &why) {
  std::fprintf(stderr, "peers: %s/%s gives a wrong result: %s\n", workload,
               peer, why.c_str());
  std::exit(1);
}

void report(const char *workload, const char *peer, double ms, double amount,
            const char *unit) {
  // amount is in units of 1e9 (FLOP, bytes, ops), so amount / s is G.../s.
  double rate = amount / (ms * 1e-3);
  if (!(ms > 0) || !std::isfinite(rate))
    fail(workload, peer, "implausible time " + std::to_string(ms) + " ms");
  std::printf("%s\t%s\t%d\t%.5f\t%.2f\t%s\n", workload, peer, opts.threads, ms,
              rate, unit);
  std::fflush(stdout);
}

// Max-norm relative agreement of two outputs, for peers checked against
// another peer that has already been checked against a reference.
template <typename T, typename U>
void checkClose(const char *workload, const char *peer, const T *got,
                const U *want, size_t n, double relTol) {
  double maxDiff = 0, maxWant = 0;
  for (size_t i = 0; i < n; ++i) {
    double d = std::fabs(double(got[i]) - double(want[i]));
    if (!(d <= maxDiff))
      maxDiff = std::isnan(d) ? INFINITY : d;
    maxWant = std::max(maxWant, std::fabs(double(want[i])));
  }
  if (!(maxDiff <= relTol * maxWant))
    fail(workload, peer,
         "max |difference| " + std::to_string(maxDiff) + " > " +
             std::to_string(relTol) + " * max |reference| " +
             std::to_string(maxWant));
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

// Checks 64 entries of the row-major m x n product c = a b (a: m x k) against
// a double-precision dot product, each within 1e-4 of sum |a_il b_lj| (a
// float dot product of k <= 2048 terms is far more accurate than that).
template <typename T>
void checkProductSample(const char *workload, const char *peer, const T *a,
                        const T *b, const T *c, Index m, Index n, Index k) {
  unsigned s = 12345;
  for (int sample = 0; sample < 64; ++sample) {
    s = s * 1664525u + 1013904223u;
    Index i = (s >> 8) % m;
    s = s * 1664525u + 1013904223u;
    Index j = (s >> 8) % n;
    double dot = 0, scale = 0;
    for (Index l = 0; l < k; ++l) {
      dot += double(a[i * k + l]) * double(b[l * n + j]);
      scale += std::fabs(double(a[i * k + l]) * double(b[l * n + j]));
    }
    double got = c[i * n + j];
    if (!(std::fabs(got - dot) <= 1e-4 * scale))
      fail(workload, peer,
           "C[" + std::to_string(i) + "," + std::to_string(j) +
               "] = " + std::to_string(got) + ", want " +
               std::to_string(dot));
  }
}

// matmul 1000^3: OpenBLAS (the reference the others are checked against),
// oneDNN (f32 only: it has no f64 GEMM), Eigen.
template <typename T> void benchMatmul(const char *w) {
  if (!selected(w))
    return;
  const Index n = 1000;
  const double gflop = 2.0 * n * n * n / 1e9;
  Buffer<T> a(n * n), b(n * n), ref(n * n), c(n * n);
  fill(a, seedOf(0));
  fill(b, seedOf(1));

  double ms = medianMs([&] {
    if constexpr (std::is_same_v<T, float>)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                  a.data, n, b.data, n, 0.0f, ref.data, n);
    else
      cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0,
                  a.data, n, b.data, n, 0.0, ref.data, n);
  });
  checkProductSample(w, "openblas", a.data, b.data, ref.data, n, n, n);
  report(w, "openblas", ms, gflop, "GFLOP/s");

  if constexpr (std::is_same_v<T, float>) {
    ms = medianMs([&] {
      dnnl_sgemm('N', 'N', n, n, n, 1.0f, a.data, n, b.data, n, 0.0f, c.data,
                 n);
    });
    checkClose(w, "onednn", c.data, ref.data, n * n, 1e-3);
    report(w, "onednn", ms, gflop, "GFLOP/s");
  }

  std::memset(c.data, 0, n * n * sizeof(T));
  Eigen::Map<const RowMat<T>> ea(a.data, n, n), eb(b.data, n, n);
  Eigen::Map<RowMat<T>> ec(c.data, n, n);
  ms = medianMs([&] { ec.noalias() = ea * eb; });
  checkClose(w, "eigen", c.data, ref.data, n * n, 1e-3);
  report(w, "eigen", ms, gflop, "GFLOP/s");
}

// bij,bjk->bik as a loop of per-batch products, each using the library's
// own threading (which is what a user calling the library gets).
void benchBmm() {
  const char *w = "bmm";
  if (!selected(w))
    return;
  const Index nb = 64, n = 128;
  const Index mat = n * n;
  const double gflop = 2.0 * nb * n * n * n / 1e9;
  Buffer<float> a(nb * mat), b(nb * mat), ref(nb * mat), c(nb * mat);
  fill(a, seedOf(0));
  fill(b, seedOf(1));

  double ms = medianMs([&] {
    for (Index i = 0; i < nb; ++i)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                  a.data + i * mat, n, b.data + i * mat, n, 0.0f,
                  ref.data + i * mat, n);
  });
  for (Index i : {Index(0), nb - 1})
    checkProductSample(w, "openblas", a.data + i * mat, b.data + i * mat,
                       ref.data + i * mat, n, n, n);
  report(w, "openblas", ms, gflop, "GFLOP/s");

  ms = medianMs([&] {
    for (Index i = 0; i < nb; ++i) {
      Eigen::Map<const RowMatF> ea(a.data + i * mat, n, n),
          eb(b.data + i * mat, n, n);
      Eigen::Map<RowMatF>(c.data + i * mat, n, n).noalias() = ea * eb;
    }
  });
  checkClose(w, "eigen", c.data, ref.data, nb * mat, 1e-3);
  report(w, "eigen", ms, gflop, "GFLOP/s");
}

//===----------------------------------------------------------------------===//
// Elementwise ops and reductions (memory-bound: reported in GB/s of inputs
// read plus outputs written). Arrays are 4 MiB and reused run after run, so
// they are served from L2/L3, as they are for tlc's code in harness.c.
//===----------------------------------------------------------------------===//

constexpr Index kVector = Index(1) << 20;

// Eigen evaluates coefficient-wise expressions on one thread (setNbThreads
// only affects products), so split the range into one contiguous,
// 64-byte-aligned segment per thread, as an OpenMP user of Eigen would.
template <typename F> void eigenSegments(Index n, F &&body) {
#pragma omp parallel
  {
    Index t = omp_get_thread_num(), nt = omp_get_num_threads();
    Index begin = n * t / nt / 16 * 16;
    Index end = t + 1 == nt ? n : n * (t + 1) / nt / 16 * 16;
    if (end > begin)
      body(begin, end - begin);
  }
}

// Element-by-element check against the double-precision function, within
// 1e-5 relative plus 1e-6 absolute (a few ulps of the results here).
template <typename F>
void checkElementwise(const char *workload, const char *peer,
                      const Buffer<float> &got, F &&want) {
  for (size_t i = 0; i < got.size; ++i) {
    double ref = want(i);
    if (!(std::fabs(got[i] - ref) <= 1e-5 * std::fabs(ref) + 1e-6))
      fail(workload, peer,
           "element " + std::to_string(i) + " = " + std::to_string(got[i]) +
               ", want " + std::to_string(ref));
  }
}

// One oneDNN eltwise primitive over a 1-D f32 tensor; times only execute().
struct DnnlEltwise {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  dnnl::memory src, dst;
  dnnl::eltwise_forward prim;
  std::string impl;

  DnnlEltwise(dnnl::algorithm alg, float *x, float *y, Index n) {
    dnnl::memory::desc md({n}, dnnl::memory::data_type::f32,
                          dnnl::memory::format_tag::a);
    src = dnnl::memory(md, eng, x);
    dst = dnnl::memory(md, eng, y);
    dnnl::eltwise_forward::primitive_desc pd(
        {dnnl::prop_kind::forward_inference, alg, md, 0.0f, 0.0f}, eng);
    impl = pd.impl_info_str();
    prim = dnnl::eltwise_forward(pd);
  }
  void run() {
    prim.execute(strm, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    strm.wait();
  }
};

// One unary elementwise workload: Eigen, oneDNN (when alg is given) and
// plain C, each checked against ref.
template <typename EigenOp, typename PlainOp, typename Ref>
void benchUnary(const char *w, EigenOp eigenOp, const dnnl::algorithm *alg,
                PlainOp plainOp, Ref ref) {
  if (!selected(w))
    return;
  const double gbytes = 2.0 * kVector * sizeof(float) / 1e9;
  Buffer<float> x(kVector), y(kVector);
  fill(x, seedOf(0));
  auto want = [&](size_t i) { return ref(double(x[i])); };

  double ms = medianMs([&] {
    eigenSegments(kVector, [&](Index begin, Index len) {
      Eigen::Map<const Eigen::ArrayXf> ex(x.data + begin, len);
      Eigen::Map<Eigen::ArrayXf> ey(y.data + begin, len);
      eigenOp(ex, ey);
    });
  });
  checkElementwise(w, "eigen", y, want);
  report(w, "eigen", ms, gbytes, "GB/s");

  if (alg) {
    std::memset(y.data, 0, kVector * sizeof(float));
    DnnlEltwise prim(*alg, x.data, y.data, kVector);
    std::printf("# onednn_impl\t%s\t%s\n", w, prim.impl.c_str());
    ms = medianMs([&] { prim.run(); });
    checkElementwise(w, "onednn", y, want);
    report(w, "onednn", ms, gbytes, "GB/s");
  }

  std::memset(y.data, 0, kVector * sizeof(float));
  ms = medianMs([&] { plainOp(x.data, y.data, long(kVector)); });
  checkElementwise(w, "plainc", y, want);
  report(w, "plainc", ms, gbytes, "GB/s");
}

void benchElementwise() {
  using Arr = Eigen::Map<const Eigen::ArrayXf>;
  using Out = Eigen::Map<Eigen::ArrayXf>;
  const dnnl::algorithm relu = dnnl::algorithm::eltwise_relu,
                        exp = dnnl::algorithm::eltwise_exp,
                        logistic = dnnl::algorithm::eltwise_logistic;

  benchUnary(
      "relu_1m",
      [](const Arr &x, Out &y) {
        y.matrix().noalias() = x.matrix().cwiseMax(0.0f);
      },
      &relu, plain_relu, [](double v) { return v > 0 ? v : 0.0; });
  benchUnary(
      "exp_1m", [](const Arr &x, Out &y) { y = x.exp(); }, &exp, plain_exp,
      [](double v) { return std::exp(v); });
  benchUnary(
      "sigmoid_1m",
      [](const Arr &x, Out &y) { y = 1.0f / (1.0f + (-x).exp()); }, &logistic,
      plain_sigmoid, [](double v) { return 1 / (1 + std::exp(-v)); });

  // a * b + c has three inputs and no oneDNN eltwise form.
  const char *w = "fma_1m";
  if (!selected(w))
    return;
  const double gbytes = 4.0 * kVector * sizeof(float) / 1e9;
  Buffer<float> a(kVector), b(kVector), c(kVector), y(kVector);
  fill(a, seedOf(0));
  fill(b, seedOf(1));
  fill(c, seedOf(2));
  auto want = [&](size_t i) { return double(a[i]) * b[i] + c[i]; };

  double ms = medianMs([&] {
    eigenSegments(kVector, [&](Index begin, Index len) {
      Arr ea(a.data + begin, len), eb(b.data + begin, len),
          ec(c.data + begin, len);
      Out(y.data + begin, len) = ea * eb + ec;
    });
  });
  checkElementwise(w, "eigen", y, want);
  report(w, "eigen", ms, gbytes, "GB/s");

  std::memset(y.data, 0, kVector * sizeof(float));
  ms = medianMs([&] { plain_fma(a.data, b.data, c.data, y.data, kVector); });
  checkElementwise(w, "plainc", y, want);
  report(w, "plainc", ms, gbytes, "GB/s");
}

// One oneDNN reduction_sum primitive from a rows x cols tensor to rows x 1.
struct DnnlRowSum {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  dnnl::memory src, dst;
  dnnl::reduction prim;

  DnnlRowSum(float *x, float *y, Index rows, Index cols) {
    using mem = dnnl::memory;
    mem::desc srcMd({rows, cols}, mem::data_type::f32, mem::format_tag::ab);
    mem::desc dstMd({rows, 1}, mem::data_type::f32, mem::format_tag::ab);
    src = dnnl::memory(srcMd, eng, x);
    dst = dnnl::memory(dstMd, eng, y);
    prim = dnnl::reduction(dnnl::reduction::primitive_desc(
        {dnnl::algorithm::reduction_sum, srcMd, dstMd, 0.0f, 0.0f}, eng));
  }
  void run() {
    prim.execute(strm, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    strm.wait();
  }
};

// Sums of rows x cols values in [-1, 1]: reference in double, tolerance
// 1e-6 of the sum of magnitudes (a sequential float sum of 1M terms stays
// well inside it; a dropped block of elements does not).
void checkSums(const char *workload, const char *peer, const Buffer<float> &x,
               const float *got, Index rows, Index cols) {
  for (Index r = 0; r < rows; ++r) {
    double sum = 0, mag = 0;
    for (Index c = 0; c < cols; ++c) {
      sum += x[r * cols + c];
      mag += std::fabs(x[r * cols + c]);
    }
    if (!(std::fabs(got[r] - sum) <= 1e-6 * mag))
      fail(workload, peer,
           "sum " + std::to_string(r) + " = " + std::to_string(got[r]) +
               ", want " + std::to_string(sum));
  }
}

void benchSum() {
  const char *w = "sum_1m";
  if (!selected(w))
    return;
  const double gbytes = double(kVector) * sizeof(float) / 1e9;
  Buffer<float> x(kVector), partial(opts.threads);
  fill(x, seedOf(0));
  float s = 0;

  double ms = medianMs([&] {
    std::fill(partial.data, partial.data + partial.size, 0.0f);
    eigenSegments(kVector, [&](Index begin, Index len) {
      partial[omp_get_thread_num()] =
          Eigen::Map<const Eigen::VectorXf>(x.data + begin, len).sum();
    });
    s = Eigen::Map<const Eigen::VectorXf>(partial.data, opts.threads).sum();
  });
  checkSums(w, "eigen", x, &s, 1, kVector);
  report(w, "eigen", ms, gbytes, "GB/s");

  s = 0;
  DnnlRowSum prim(x.data, &s, 1, kVector);
  ms = medianMs([&] { prim.run(); });
  checkSums(w, "onednn", x, &s, 1, kVector);
  report(w, "onednn", ms, gbytes, "GB/s");

  s = 0;
  ms = medianMs([&] { s = plain_sum(x.data, kVector); });
  checkSums(w, "plainc", x, &s, 1, kVector);
  report(w, "plainc", ms, gbytes, "GB/s");
}

void benchRowSum() {
  const char *w = "rowsum_1000x1000";
  if (!selected(w))
    return;
  const Index n = 1000;
  const double gbytes = double(n * n + n) * sizeof(float) / 1e9;
  Buffer<float> x(n * n), y(n);
  fill(x, seedOf(0));

  double ms = medianMs([&] {
    eigenSegments(n, [&](Index begin, Index len) {
      Eigen::Map<const RowMatF> ex(x.data + begin * n, len, n);
      Eigen::Map<Eigen::VectorXf>(y.data + begin, len).noalias() =
          ex.rowwise().sum();
    });
  });
  checkSums(w, "eigen", x, y.data, n, n);
  report(w, "eigen", ms, gbytes, "GB/s");

  std::memset(y.data, 0, n * sizeof(float));
  DnnlRowSum prim(x.data, y.data, n, n);
  ms = medianMs([&] { prim.run(); });
  checkSums(w, "onednn", x, y.data, n, n);
  report(w, "onednn", ms, gbytes, "GB/s");

  std::memset(y.data, 0, n * sizeof(float));
  ms = medianMs([&] { plain_rowsum(x.data, y.data, n, n); });
  checkSums(w, "plainc", x, y.data, n, n);
  report(w, "plainc", ms, gbytes, "GB/s");
}

//===----------------------------------------------------------------------===//
// Boolean matrix product xy,yz->xz (reported in GOP/s of the dense
// equivalent, 2 n^3 Boolean ANDs and ORs, for every peer alike)
//===----------------------------------------------------------------------===//

void benchBooleans(const char *w, double density) {
  if (!selected(w))
    return;
  const Index n = 2048, words = n / 64;
  const double gops = 2.0 * n * n * n / 1e9;
  // Relations as dense bytes with the given density of true entries, drawn
  // exactly as harness.c draws tlc's Boolean inputs.
  Buffer<double> ua(n * n), ub(n * n);
  fill(ua, seedOf(0));
  fill(ub, seedOf(1));
  Buffer<uint8_t> ra(n * n), rb(n * n);
  for (Index i = 0; i < n * n; ++i) {
    ra[i] = (ua[i] + 1) / 2 < density;
    rb[i] = (ub[i] + 1) / 2 < density;
  }

  // Checks 16 rows of a result given as bytes against the definition.
  auto checkRows = [&](const char *peer, const uint8_t *got) {
    for (Index x = 0; x < n; x += n / 16)
      for (Index z = 0; z < n; ++z) {
        bool want = false;
        for (Index y = 0; y < n && !want; ++y)
          want = ra[x * n + y] && rb[y * n + z];
        if (got[x * n + z] != want)
          fail(w, peer,
               "C[" + std::to_string(x) + "," + std::to_string(z) + "] wrong");
      }
  };

  // bitpacked: rows packed into 64-bit words (bit y % 64 of word y / 64);
  // C[x] |= B[y] for every y in A[x], rows of C split across threads.
  Buffer<uint64_t> pa(n * words), pb(n * words), pc(n * words);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < n; ++j) {
      pa[i * words + j / 64] |= uint64_t(ra[i * n + j]) << (j % 64);
      pb[i * words + j / 64] |= uint64_t(rb[i * n + j]) << (j % 64);
    }
  // Row x of C = a * b, all bit-packed.
  auto productRow = [&](const uint64_t *a, const uint64_t *b, uint64_t *c,
                        Index x) {
    uint64_t *row = c + x * words;
    std::fill(row, row + words, uint64_t(0));
    for (Index wy = 0; wy < words; ++wy)
      for (uint64_t bits = a[x * words + wy]; bits; bits &= bits - 1) {
        const uint64_t *brow = b + (wy * 64 + __builtin_ctzll(bits)) * words;
        for (Index wz = 0; wz < words; ++wz)
          row[wz] |= brow[wz];
      }
  };
  double ms = medianMs([&] {
#pragma omp parallel for schedule(static)
    for (Index x = 0; x < n; ++x)
      productRow(pa.data, pb.data, pc.data, x);
  });
  Buffer<uint8_t> bitsOut(n * n);
  for (Index i = 0; i < n * n; ++i)
    bitsOut[i] = pc[i / 64] >> (i % 64) & 1;
  checkRows("bitpacked", bitsOut.data);
  report(w, "bitpacked", ms, gops, "GOP/s");

  // bitpacked_bytes: the same product, given and giving one byte per
  // relation as tlc's entry point is, so packing A and B into words and
  // unpacking C to bytes are in the timed loop (64 relations per AVX-512
  // mask, as tlc's code does). Reported beside, not instead of, bitpacked.
  Buffer<uint64_t> qa(n * words), qb(n * words), qc(n * words);
  Buffer<uint8_t> bytesOut(n * n);
  auto packRows = [&](const uint8_t *bytes, uint64_t *packed) {
#pragma omp parallel for schedule(static)
    for (Index i = 0; i < n; ++i)
      for (Index w = 0; w < words; ++w) {
        __m512i v = _mm512_loadu_si512(bytes + i * n + w * 64);
        packed[i * words + w] = _mm512_test_epi8_mask(v, v);
      }
  };
  ms = medianMs([&] {
    packRows(ra.data, qa.data);
    packRows(rb.data, qb.data);
#pragma omp parallel for schedule(static)
    for (Index x = 0; x < n; ++x) {
      productRow(qa.data, qb.data, qc.data, x);
      const uint64_t *c = qc.data + x * words;
      for (Index wz = 0; wz < words; ++wz)
        _mm512_storeu_si512(bytesOut.data + x * n + wz * 64,
                            _mm512_maskz_set1_epi8(c[wz], 1));
    }
  });
  checkRows("bitpacked_bytes", bytesOut.data);
  if (std::memcmp(bytesOut.data, bitsOut.data, n * n))
    fail(w, "bitpacked_bytes", "differs from bitpacked");
  report(w, "bitpacked_bytes", ms, gops, "GOP/s");

  // float_matmul_threshold: the relations as 0/1 floats, sgemm, then > 0
  // (counts up to 2048 are exact in f32).
  Buffer<float> fa(n * n), fb(n * n), fc(n * n);
  for (Index i = 0; i < n * n; ++i) {
    fa[i] = ra[i];
    fb[i] = rb[i];
  }
  Buffer<uint8_t> floatOut(n * n);
  ms = medianMs([&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f,
                fa.data, n, fb.data, n, 0.0f, fc.data, n);
    for (Index i = 0; i < n * n; ++i)
      floatOut[i] = fc[i] > 0.0f;
  });
  checkRows("float_matmul_threshold", floatOut.data);
  if (std::memcmp(floatOut.data, bitsOut.data, n * n))
    fail(w, "float_matmul_threshold", "differs from bitpacked");
  report(w, "float_matmul_threshold", ms, gops, "GOP/s");
}

//===----------------------------------------------------------------------===//
// Machine peaks
//===----------------------------------------------------------------------===//

// Horizontal sum (GCC 12's _mm512_reduce_add_ps trips -Wuninitialized).
float hsum(__m512 v) {
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, v);
  float s = 0;
  for (float l : lanes)
    s += l;
  return s;
}

// 16 independent accumulators, so the two 512-bit FMA pipes (4-cycle
// latency) stay full from registers alone. acc * m + a converges to 0.1, so
// no value goes denormal or infinite.
__attribute__((noinline)) float fmaKernel(long iters, float seed) {
  constexpr int kAcc = 16;
  __m512 acc[kAcc];
  for (int i = 0; i < kAcc; ++i)
    acc[i] = _mm512_set1_ps(seed + i * 1e-3f);
  const __m512 m = _mm512_set1_ps(0.999999f), a = _mm512_set1_ps(1e-7f);
  for (long it = 0; it < iters; ++it)
#pragma GCC unroll 16
    for (int i = 0; i < kAcc; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], m, a);
  for (int i = 1; i < kAcc; ++i)
    acc[0] = _mm512_add_ps(acc[0], acc[i]);
  return hsum(acc[0]);
}

void benchPeakFma() {
  const char *w = "peak_fma_f32";
  if (!selected(w))
    return;
  const long iters = 1 << 22;
  const double gflop = 2.0 * 16 * 16 * iters * opts.threads / 1e9;
  std::vector<float> out(opts.threads);
  double ms = medianMs([&] {
#pragma omp parallel num_threads(opts.threads)
    out[omp_get_thread_num()] = fmaKernel(iters, 0.5f);
  });
  // 2 FMA pipes x 16 lanes x 2 FLOP at <= 6 GHz bounds a real loop.
  double rate = gflop / (ms * 1e-3);
  for (float v : out)
    if (!std::isfinite(v) || rate > 64 * 6.0 * opts.threads)
      fail(w, "avx512", "loop was not executed as written");
  report(w, "avx512", ms, gflop, "GFLOP/s");
}

// 256 MiB per array, beyond the caches of common machines. read_sum reads
// one array; triad (a = b + s c, STREAM's kernel) counts 3 arrays of traffic
// as STREAM does (not the write-allocate read of a).
void benchPeakBandwidth() {
  const char *w = "peak_bandwidth";
  if (!selected(w))
    return;
  const Index n = Index(64) << 20;
  const double gbytes = double(n) * sizeof(float) / 1e9;
  Buffer<float> a(n), b(n), c(n);
  // First touch by the thread that later reads each page.
#pragma omp parallel for schedule(static)
  for (Index i = 0; i < n; ++i) {
    b[i] = float(i % 1000) / 1000;
    c[i] = (float(i % 7) - 3) / 3;
  }

  std::vector<double> partial(opts.threads);
  double ms = medianMs([&] {
#pragma omp parallel
    {
      Index t = omp_get_thread_num(), nt = omp_get_num_threads();
      Index begin = n * t / nt / 64 * 64;
      Index end = t + 1 == nt ? n : n * (t + 1) / nt / 64 * 64;
      __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(),
                       _mm512_setzero_ps(), _mm512_setzero_ps()};
      for (Index i = begin; i < end; i += 64)
        for (int k = 0; k < 4; ++k)
          acc[k] = _mm512_add_ps(acc[k], _mm512_load_ps(b.data + i + 16 * k));
      partial[t] = hsum(_mm512_add_ps(_mm512_add_ps(acc[0], acc[1]),
                                      _mm512_add_ps(acc[2], acc[3])));
    }
  });
  double sum = 0;
  for (double p : partial)
    sum += p;
  // b[i] = (i % 1000) / 1000: 499.5 per full period, plus the tail.
  double want = double(n / 1000) * 499.5 +
                double(n % 1000) * double(n % 1000 - 1) / 2 / 1000;
  if (!(std::fabs(sum - want) <= 1e-3 * want))
    fail(w, "read_sum",
         "sum " + std::to_string(sum) + ", want " + std::to_string(want));
  report(w, "read_sum", ms, gbytes, "GB/s");

  ms = medianMs([&] {
#pragma omp parallel for simd schedule(static)
    for (Index i = 0; i < n; ++i)
      a[i] = b[i] + 0.5f * c[i];
  });
  for (Index i = 0; i < n; i += 4093)
    if (a[i] != b[i] + 0.5f * c[i])
      fail(w, "triad", "a[" + std::to_string(i) + "] wrong");
  report(w, "triad", ms, 3 * gbytes, "GB/s");
}

const char *isaName(dnnl::cpu_isa isa) {
  switch (isa) {
  case dnnl::cpu_isa::avx2: return "avx2";
  case dnnl::cpu_isa::avx512_core: return "avx512_core";
  case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
  case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
  case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
  default: return "other";
  }
}

void usage() {
  std::fprintf(stderr,
               "usage: peers [--threads N] [--repeats N] [--only SUBSTRING]\n");
  std::exit(2);
}

} // namespace

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc)
      usage();
    if (arg == "--threads")
      opts.threads = std::atoi(argv[++i]);
    else if (arg == "--repeats")
      opts.repeats = std::atoi(argv[++i]);
    else if (arg == "--only")
      opts.only = argv[++i];
    else
      usage();
  }
  if (opts.threads < 1 || opts.repeats < 1)
    usage();

  // Each library's own thread-count knob; oneDNN and plain.c use OpenMP.
  openblas_set_num_threads(opts.threads);
  omp_set_num_threads(opts.threads);
  Eigen::setNbThreads(opts.threads);

  const dnnl_version_t *v = dnnl_version();
  std::printf("# openblas_core\t%s\n", openblas_get_corename());
  std::printf("# openblas_config\t%s\n", openblas_get_config());
  std::printf("# onednn\t%d.%d.%d\t%s\n", v->major, v->minor, v->patch,
              isaName(dnnl::get_effective_cpu_isa()));
  std::printf("# eigen\t%d.%d.%d\tthreads %d\n", EIGEN_WORLD_VERSION,
              EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, Eigen::nbThreads());

  benchPeakFma();
  benchPeakBandwidth();
  benchMatmul<float>("matmul_f32");
  benchMatmul<double>("matmul_f64");
  benchBmm();
  benchElementwise();
  benchSum();
  benchRowSum();
  benchBooleans("booleans_5pct", 0.05);
  benchBooleans("booleans_50pct", 0.5);
  return 0;
}
