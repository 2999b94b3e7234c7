// LOGICAL_OR: a || b on BOOL with broadcasting.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LogicalOrOp {
  using Types = TypeList<bool>;
  using Options = void;
  static bool Apply(bool a, bool b) { return a || b; }
};
}  // namespace

std::unique_ptr<Kernel> MakeLogicalOr() { return Make<BinaryKernel<LogicalOrOp>>(); }

}  // namespace litescope
