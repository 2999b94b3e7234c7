// NOT_EQUAL: a != b with broadcasting, as BOOL.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct NotEqualOp {
  using Types = TypeList<float, int32_t, int64_t, bool>;
  using Options = void;
  template <typename T>
  static bool Apply(T a, T b) {
    return a != b;
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeNotEqual() { return Make<BinaryKernel<NotEqualOp>>(); }

}  // namespace litescope
