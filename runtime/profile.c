/* libtlrt: the profiler behind `tlc --profile`. The instrumented code calls
 * tlrt_profile_begin/end around each kernel with a pointer to the kernel's
 * tlrt_op_info, which the compiler put in the object; the first call gives
 * the op a slot in a table here (stored in the info, so later calls find it
 * without a lookup). Per call: two clock reads and a short critical
 * section (bench/bench_profile_overhead.c measures it). */
#define _GNU_SOURCE
#include "internal.h"
#include "tlrt.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* An op's description is copied when it registers: the object that holds
 * its tlrt_op_info may be unloaded (a JIT, a dlclose) before the report at
 * exit is written. */
typedef struct {
  int64_t id;
  char *name, *location;
  double flops, bytes;
  int64_t count;
  int64_t totalNs, minNs, maxNs;
} OpRecord;

typedef struct {
  int32_t slot; /* index into ops */
  int32_t tid;
  int64_t startNs, endNs;
} Event;

enum { kMaxEvents = 4 << 20, kMaxDepth = 64 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static OpRecord *ops;
static int numOps, capOps;
static Event *events;
static int64_t numEvents, capEvents, droppedEvents;
static int64_t epochNs = -1; /* the first event's start */
/* Bumped by a reset, so that infos registered before it register again. */
static int64_t generation = 1;

/* Per thread: the start times of the kernels it is inside. */
static _Thread_local int64_t stack[kMaxDepth];
static _Thread_local int depth;
static _Thread_local int32_t threadId;

static int64_t nowNs(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* info->slot holds generation << 32 | (index + 1). */
static int slotOf(tlrt_op_info *info) {
  int64_t s = __atomic_load_n(&info->slot, __ATOMIC_ACQUIRE);
  if ((s >> 32) == generation && (s & 0xffffffff))
    return (int)(s & 0xffffffff) - 1;
  return -1;
}

/* Registers `info`; called with the lock held. */
static int registerOp(tlrt_op_info *info) {
  int slot = slotOf(info);
  if (slot >= 0)
    return slot;
  if (numOps == capOps) {
    int cap = capOps ? 2 * capOps : 64;
    OpRecord *grown = realloc(ops, (size_t)cap * sizeof *ops);
    if (!grown)
      return -1;
    ops = grown;
    capOps = cap;
  }
  slot = numOps++;
  ops[slot] = (OpRecord){info->id,
                         strdup(info->name ? info->name : "?"),
                         strdup(info->location ? info->location : "?"),
                         info->flops,
                         info->bytes,
                         0,
                         0,
                         INT64_MAX,
                         0};
  __atomic_store_n(&info->slot, (generation << 32) | (slot + 1),
                   __ATOMIC_RELEASE);
  return slot;
}

void tlrt_profile_begin(tlrt_op_info *op) {
  (void)op;
  int64_t t = nowNs();
  if (depth < kMaxDepth)
    stack[depth] = t;
  ++depth;
}

void tlrt_profile_end(tlrt_op_info *op) {
  int64_t end = nowNs();
  if (depth == 0)
    return; /* an end without a begin: nothing to time */
  --depth;
  if (depth >= kMaxDepth)
    return; /* nested too deep to have been timed */
  int64_t start = stack[depth], ns = end - start;
  if (!threadId)
    threadId = (int32_t)syscall(SYS_gettid);
  pthread_mutex_lock(&lock);
  int slot = registerOp(op);
  if (slot >= 0) {
    OpRecord *r = &ops[slot];
    ++r->count;
    r->totalNs += ns;
    if (ns < r->minNs)
      r->minNs = ns;
    if (ns > r->maxNs)
      r->maxNs = ns;
    if (epochNs < 0 || start < epochNs)
      epochNs = start;
    if (numEvents == capEvents && capEvents < kMaxEvents) {
      int64_t cap = capEvents ? 2 * capEvents : 4096;
      Event *grown = realloc(events, (size_t)cap * sizeof *events);
      if (grown) {
        events = grown;
        capEvents = cap;
      }
    }
    if (numEvents < capEvents)
      events[numEvents++] = (Event){slot, threadId, start, end};
    else
      ++droppedEvents;
  }
  pthread_mutex_unlock(&lock);
}

int tlrt_profile_num_ops(void) {
  pthread_mutex_lock(&lock);
  int n = numOps;
  pthread_mutex_unlock(&lock);
  return n;
}

int64_t tlrt_profile_num_events(void) {
  pthread_mutex_lock(&lock);
  int64_t n = numEvents + droppedEvents;
  pthread_mutex_unlock(&lock);
  return n;
}

static void fillStats(const OpRecord *r, tlrt_op_stats *s) {
  s->id = r->id;
  s->name = r->name;
  s->location = r->location;
  s->count = r->count;
  s->total_ms = r->totalNs / 1e6;
  s->min_ms = r->count ? r->minNs / 1e6 : 0;
  s->max_ms = r->maxNs / 1e6;
  s->mean_ms = r->count ? s->total_ms / r->count : 0;
  s->flops = r->flops;
  s->bytes = r->bytes;
  double seconds = r->totalNs / 1e9;
  s->gflops = seconds > 0 ? s->flops * r->count / seconds / 1e9 : 0;
  s->gbytes_per_s = seconds > 0 ? s->bytes * r->count / seconds / 1e9 : 0;
}

int tlrt_profile_op_stats(int i, tlrt_op_stats *out) {
  if (!out)
    return tlrt_fail(TLRT_ERROR_ARGUMENT, "tlrt_profile_op_stats: NULL out");
  pthread_mutex_lock(&lock);
  int ok = i >= 0 && i < numOps;
  if (ok)
    fillStats(&ops[i], out);
  pthread_mutex_unlock(&lock);
  if (!ok)
    return tlrt_fail(TLRT_ERROR_ARGUMENT,
                     "tlrt_profile_op_stats: no op %d (%d recorded)", i,
                     tlrt_profile_num_ops());
  return TLRT_OK;
}

void tlrt_profile_reset(void) {
  pthread_mutex_lock(&lock);
  for (int i = 0; i < numOps; ++i) {
    free(ops[i].name);
    free(ops[i].location);
  }
  numOps = 0;
  numEvents = droppedEvents = 0;
  epochNs = -1;
  ++generation;
  pthread_mutex_unlock(&lock);
}

/*===------------------------------------------------------------------===*
 * Machine peak
 *===------------------------------------------------------------------===*/

static double peakGflops, peakGbs;

/* Eight independent FMA chains on the widest vectors the CPU has. */
#define FMA_KERNEL(NAME, LANES, ATTR)                                          \
  ATTR static double NAME(int64_t iterations) {                               \
    typedef float V __attribute__((vector_size(4 * LANES)));                   \
    V acc[8], a, b;                                                            \
    for (int i = 0; i < LANES; ++i) {                                          \
      a[i] = 1.0f + 1e-7f * i;                                                 \
      b[i] = 1e-7f;                                                            \
    }                                                                          \
    for (int k = 0; k < 8; ++k)                                                \
      acc[k] = b * (float)k;                                                   \
    for (int64_t n = 0; n < iterations; ++n)                                   \
      for (int k = 0; k < 8; ++k)                                              \
        acc[k] = acc[k] * a + b;                                               \
    double sink = 0;                                                           \
    for (int k = 0; k < 8; ++k)                                                \
      for (int i = 0; i < LANES; ++i)                                          \
        sink += acc[k][i];                                                     \
    return sink;                                                               \
  }

#if defined(__x86_64__)
FMA_KERNEL(fma512, 16, __attribute__((target("avx512f,fma"))))
FMA_KERNEL(fma256, 8, __attribute__((target("avx2,fma"))))
#endif
FMA_KERNEL(fma128, 4, )

static volatile double peakSink;

static double measureGflops(void) {
  int lanes = 4;
  double (*kernel)(int64_t) = fma128;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    kernel = fma512;
    lanes = 16;
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    kernel = fma256;
    lanes = 8;
  }
#endif
  int64_t iterations = 1 << 20;
  double best = 0;
  for (int trial = 0; trial < 3; ++trial) {
    int64_t t0 = nowNs();
    peakSink += kernel(iterations);
    double s = (nowNs() - t0) / 1e9;
    double gflops = 2.0 * lanes * 8 * iterations / s / 1e9;
    if (gflops > best)
      best = gflops;
  }
  return best;
}

static double measureGbs(void) {
  size_t n = (size_t)64 << 20; /* 64 MiB: past the caches of most CPUs */
  typedef float V __attribute__((vector_size(32)));
  V *buffer = aligned_alloc(64, n);
  if (!buffer)
    return 0;
  memset(buffer, 1, n);
  size_t count = n / sizeof(V);
  double best = 0;
  for (int trial = 0; trial < 3; ++trial) {
    V acc[4] = {{0}};
    int64_t t0 = nowNs();
    for (size_t i = 0; i + 4 <= count; i += 4)
      for (int k = 0; k < 4; ++k)
        acc[k] += buffer[i + k];
    double s = (nowNs() - t0) / 1e9;
    peakSink += acc[0][0] + acc[1][1] + acc[2][2] + acc[3][3];
    double gbs = n / s / 1e9;
    if (gbs > best)
      best = gbs;
  }
  free(buffer);
  return best;
}

void tlrt_set_machine_peak(double gflops, double gbytes_per_s) {
  pthread_mutex_lock(&lock);
  peakGflops = gflops;
  peakGbs = gbytes_per_s;
  pthread_mutex_unlock(&lock);
}

void tlrt_machine_peak(double *gflops, double *gbytes_per_s) {
  pthread_mutex_lock(&lock);
  double f = peakGflops, b = peakGbs;
  pthread_mutex_unlock(&lock);
  /* Measured outside the lock, which every profiled call takes. */
  if (f <= 0) {
    const char *env = getenv("TLRT_PEAK_GFLOPS");
    f = env ? atof(env) : 0;
    if (f <= 0)
      f = measureGflops();
  }
  if (b <= 0) {
    const char *env = getenv("TLRT_PEAK_GBS");
    b = env ? atof(env) : 0;
    if (b <= 0)
      b = measureGbs();
  }
  pthread_mutex_lock(&lock);
  peakGflops = f;
  peakGbs = b;
  pthread_mutex_unlock(&lock);
  if (gflops)
    *gflops = f;
  if (gbytes_per_s)
    *gbytes_per_s = b;
}

/*===------------------------------------------------------------------===*
 * Reports
 *===------------------------------------------------------------------===*/

static int byTotalDescending(const void *a, const void *b) {
  const tlrt_op_stats *x = a, *y = b;
  return x->total_ms < y->total_ms ? 1 : x->total_ms > y->total_ms ? -1 : 0;
}

/* A snapshot of every op's statistics, sorted by total time; the caller
 * frees it. */
static tlrt_op_stats *snapshot(int *n, int64_t *eventCount) {
  pthread_mutex_lock(&lock);
  *n = numOps;
  *eventCount = numEvents + droppedEvents;
  tlrt_op_stats *all = calloc(numOps ? numOps : 1, sizeof *all);
  for (int i = 0; all && i < numOps; ++i)
    fillStats(&ops[i], &all[i]);
  pthread_mutex_unlock(&lock);
  if (all)
    qsort(all, *n, sizeof *all, byTotalDescending);
  return all;
}

void tlrt_profile_report(FILE *out) {
  if (!out)
    out = stderr;
  int n;
  int64_t eventCount;
  tlrt_op_stats *all = snapshot(&n, &eventCount);
  if (!all)
    return;
  double total = 0;
  for (int i = 0; i < n; ++i)
    total += all[i].total_ms;
  double gflops, gbs;
  tlrt_machine_peak(&gflops, &gbs);
  fprintf(out,
          "tlrt profile: %d op(s), %lld call(s), %.3f ms in ops; machine "
          "peak %.1f GFLOP/s (one thread), %.1f GB/s\n",
          n, (long long)eventCount, total, gflops, gbs);
  fprintf(out, "%7s %10s %7s %10s %10s %10s %9s %8s  %s\n", "share",
          "total ms", "calls", "mean ms", "min ms", "max ms", "GFLOP/s",
          "GB/s", "op");
  for (int i = 0; i < n; ++i) {
    const tlrt_op_stats *s = &all[i];
    fprintf(out, "%6.1f%% %10.3f %7lld %10.4f %10.4f %10.4f %9.2f %8.2f  #%lld %s (%s)\n",
            total > 0 ? 100 * s->total_ms / total : 0, s->total_ms,
            (long long)s->count, s->mean_ms, s->min_ms, s->max_ms, s->gflops,
            s->gbytes_per_s, (long long)s->id, s->name, s->location);
  }
  double balance = gbs > 0 ? gflops / gbs : 0;
  fprintf(out,
          "bottlenecks (ops over 10%% of the total; machine balance %.2f "
          "flop/byte):\n",
          balance);
  int shown = 0;
  for (int i = 0; i < n; ++i) {
    const tlrt_op_stats *s = &all[i];
    double share = total > 0 ? s->total_ms / total : 0;
    if (share <= 0.10)
      continue;
    ++shown;
    double intensity = s->bytes > 0 ? s->flops / s->bytes : INFINITY;
    int memoryBound = intensity < balance;
    double fraction = memoryBound ? (gbs > 0 ? s->gbytes_per_s / gbs : 0)
                                  : (gflops > 0 ? s->gflops / gflops : 0);
    fprintf(out,
            "  #%lld %s (%s): %.1f%% of the time; %.2f flop/byte, %s-bound, "
            "at %.0f%% of the peak %s\n",
            (long long)s->id, s->name, s->location, 100 * share, intensity,
            memoryBound ? "memory" : "compute", 100 * fraction,
            memoryBound ? "bandwidth" : "FMA throughput of one thread");
  }
  if (!shown)
    fprintf(out, "  none\n");
  free(all);
}

/* Writes `s` as a JSON string body. */
static void jsonString(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; ++s) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

int tlrt_profile_write_chrome_trace(const char *path) {
  if (!path)
    return tlrt_fail(TLRT_ERROR_ARGUMENT,
                     "tlrt_profile_write_chrome_trace: NULL path");
  FILE *f = fopen(path, "w");
  if (!f)
    return tlrt_fail(TLRT_ERROR_IO, "cannot write %s: %s", path,
                     strerror(errno));
  pthread_mutex_lock(&lock);
  fprintf(f, "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n");
  int pid = (int)getpid();
  for (int64_t i = 0; i < numEvents; ++i) {
    const Event *e = &events[i];
    const OpRecord *info = &ops[e->slot];
    fprintf(f, "%s{\"name\": ", i ? ",\n" : "");
    jsonString(f, info->name);
    fprintf(f,
            ", \"cat\": \"tl\", \"ph\": \"X\", \"ts\": %.3f, \"dur\": %.3f, "
            "\"pid\": %d, \"tid\": %d, \"args\": {\"id\": %lld, "
            "\"location\": ",
            (e->startNs - epochNs) / 1e3, (e->endNs - e->startNs) / 1e3, pid,
            e->tid, (long long)info->id);
    jsonString(f, info->location);
    fprintf(f, ", \"flops\": %.17g, \"bytes\": %.17g}}", info->flops,
            info->bytes);
  }
  fprintf(f, "\n]}\n");
  pthread_mutex_unlock(&lock);
  if (fclose(f) != 0)
    return tlrt_fail(TLRT_ERROR_IO, "cannot write %s: %s", path,
                     strerror(errno));
  return TLRT_OK;
}

/*===------------------------------------------------------------------===*
 * TLRT_PROFILE
 *===------------------------------------------------------------------===*/

static char *profilePath;

static void writeAtExit(void) {
  if (tlrt_profile_write_chrome_trace(profilePath) != TLRT_OK)
    fprintf(stderr, "tlrt: TLRT_PROFILE: %s\n", tlrt_last_error());
  size_t len = strlen(profilePath);
  char *reportPath = malloc(len + 5);
  if (!reportPath)
    return;
  memcpy(reportPath, profilePath, len);
  memcpy(reportPath + len, ".txt", 5);
  FILE *f = fopen(reportPath, "w");
  if (f) {
    tlrt_profile_report(f);
    fclose(f);
  } else {
    fprintf(stderr, "tlrt: TLRT_PROFILE: cannot write %s: %s\n", reportPath,
            strerror(errno));
  }
  free(reportPath);
}

__attribute__((constructor)) static void profileInit(void) {
  const char *env = getenv("TLRT_PROFILE");
  if (env && *env) {
    profilePath = strdup(env);
    if (profilePath)
      atexit(writeAtExit);
  }
}
