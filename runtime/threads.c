/* libtlrt: thread control for tlc-compiled code. */
#include "tlrt.h"

#include <stdlib.h>

/* The OpenMP API (libomp); declared here because the compiler building
 * libtlrt need not have LLVM's omp.h on its path. */
int omp_get_num_procs(void);
int omp_get_max_threads(void);
void omp_set_num_threads(int n);

static int defaultThreads;

/* TLRT_NUM_THREADS, when set to a positive number, is the initial count. */
__attribute__((constructor)) static void tlrtInit(void) {
  defaultThreads = omp_get_num_procs();
  const char *env = getenv("TLRT_NUM_THREADS");
  int n = env ? atoi(env) : 0;
  if (n > 0)
    omp_set_num_threads(n);
}

void tlrt_set_num_threads(int n) {
  omp_set_num_threads(n > 0 ? n : defaultThreads);
}

int tlrt_get_num_threads(void) { return omp_get_max_threads(); }
