// LSTM, FULL kernel type: one step of the LSTM of internal/lstm.h on a [batch, input]
// input (float, integer or hybrid). The BASIC kernel type (4 inputs, a single concatenated weight
// matrix) is refused.
#include "engine/kernels/internal/lstm.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {
struct Step {
  static constexpr bool kSequence = false;
  static constexpr const char* kName = "LSTM";
  static Status Read(const OpContext& ctx, LstmParams* p) {
    const auto* o = ctx.options<tflite::LSTMOptions>();
    if (o == nullptr) return ctx.Error("has no LSTMOptions");
    if (o->kernel_type() != tflite::LSTMKernelType_FULL) {
      return ctx.Error("the BASIC LSTM kernel type is not implemented; only FULL is");
    }
    *p = {o->fused_activation_function(), o->cell_clip(), o->proj_clip(), true, o->asymmetric_quantize_inputs()};
    return Status::Ok();
  }
};
}  // namespace

std::unique_ptr<Kernel> MakeLstm() { return Make<LstmKernel<Step>>(); }

}  // namespace litescope
