// LOGICAL_AND: a && b on BOOL with broadcasting.
#include "engine/kernels/internal/elementwise.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct LogicalAndOp {
  using Types = TypeList<bool>;
  using Options = void;
  static bool Apply(bool a, bool b) { return a && b; }
};
}  // namespace

std::unique_ptr<Kernel> MakeLogicalAnd() { return Make<BinaryKernel<LogicalAndOp>>(); }

}  // namespace litescope
