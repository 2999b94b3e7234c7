// STRIDED_SLICE with TFLite's exact semantics: begin/end/strides (INT32, one entry per slice spec)
// and the begin/end/ellipsis/new_axis/shrink_axis masks and the offset option (end counts from
// begin). Specs are first expanded to one per "effective" dimension (input dimensions plus new
// axes) as TFLite's BuildStridedSliceParams does, then each dimension is clamped like its
// StridedSliceStartForAxis / StridedSliceEndForAxis. Where TFLite writes nothing (a shrunk axis
// whose index is past the end) we refuse; a shrunk axis with a negative stride takes element
// `begin`, as TensorFlow does.
#include <cmath>

#include "engine/kernels/internal/data_movement.h"
#include "engine/kernels/internal/index_copy.h"
#include "engine/kernels/internal/value_shaped_kernel.h"
#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

struct EffectiveDim {
  int64_t size = 1;         // of the input (1 for a new axis)
  int64_t stride_in = 0;    // the input's element stride (0 for a new axis)
  int64_t begin = 0, end = 0, stride = 1;
  bool begin_mask = false, end_mask = false, shrink = false;
  int spec = -1;            // the slice spec it comes from, -1 when none (ellipsis, new or trailing axis)
};

class StridedSlice : public ValueShapedKernel {
 public:
  StridedSlice() : ValueShapedKernel({1, 2, 3}) {}

 protected:
  Status Check(OpContext& ctx) override {
    LITESCOPE_RETURN_IF_ERROR(CheckInputCount(ctx, 4, 1));
    if (ctx.options<tflite::StridedSliceOptions>() == nullptr) return ctx.Error("has no StridedSliceOptions");
    const Tensor* in = ctx.input(0);
    LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, in, "the input", kMovableTypes));
    const char* names[] = {"begin", "end", "strides"};
    for (int i = 1; i <= 3; ++i) {
      LITESCOPE_RETURN_IF_ERROR(CheckType(ctx, ctx.input(i), names[i - 1], {tflite::TensorType_INT32}));
      if (ctx.input(i)->shape.size() != 1 || ctx.input(i)->shape[0] != ctx.input(1)->shape[0]) {
        return ctx.Error("begin, end and strides must be vectors of one length; " + std::string(names[i - 1]) +
                         " has shape " + ShapeString(ctx.input(i)->shape));
      }
    }
    if (ctx.input(1)->shape[0] > 16) return ctx.Error("more than 16 slice specs");
    return CheckOutputType(ctx, 0, in->type);
  }

  Status Shapes(OpContext& ctx, std::vector<Shape>* out) override {
    const auto* o = ctx.options<tflite::StridedSliceOptions>();
    Expand(ctx, *o);
    Shape shape;
    const int32_t* end_data = ctx.input(2)->data<int32_t>();
    for (size_t i = 0; i < dims_.size(); ++i) {
      EffectiveDim& d = dims_[i];
      if (d.stride == 0) return ctx.Error("the stride of slice spec " + std::to_string(d.spec) + " is 0; strides must be non-zero");
      const int64_t start = Start(d);
      if (d.shrink) {
        if (start < 0 || start >= d.size) {
          return ctx.Error("shrink_axis index " + std::to_string(d.begin) + " is out of range for dimension " +
                           std::to_string(i) + " of size " + std::to_string(d.size));
        }
        counts_[i] = 1;
        continue;
      }
      const int64_t end = End(d, start, o->offset());
      const int64_t count = std::max<int64_t>(0, CeilDiv(end - start, d.stride));
      if (o->offset() && d.spec >= 0 && std::max<int64_t>(0, CeilDiv(end_data[d.spec], d.stride)) != count) {
        return ctx.Error("with offset, begin " + std::to_string(d.begin) + " and size " + std::to_string(end_data[d.spec]) +
                         " leave dimension " + std::to_string(i) + " of size " + std::to_string(d.size));
      }
      counts_[i] = count;
      shape.push_back(static_cast<int32_t>(count));
    }
    out->push_back(std::move(shape));
    return Status::Ok();
  }

  Status Run(OpContext& ctx) override {
    DimOffsets offsets;
    for (size_t i = 0; i < dims_.size(); ++i) {
      const EffectiveDim& d = dims_[i];
      offsets.push_back(AxisOffsets(counts_[i], Start(d), d.stride, d.stride_in));
    }
    const Tensor& in = *ctx.input(0);
    CopyByOffsets(in.raw(), ctx.output(0)->raw(), ElementSize(in.type), offsets, nullptr);
    return Status::Ok();
  }

 private:
  static int64_t CeilDiv(int64_t a, int64_t b) {
    // The sign-correct ceil(a / b) that TFLite computes in float.
    return static_cast<int64_t>(std::ceil(static_cast<double>(a) / static_cast<double>(b)));
  }

  static int64_t Clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

  // The first index along a dimension: in [0, size] going forward, [-1, size - 1] going back.
  static int64_t Start(const EffectiveDim& d) {
    if (d.begin_mask) return d.stride > 0 ? 0 : d.size - 1;
    int64_t s = d.begin < 0 ? d.begin + d.size : d.begin;
    return d.stride > 0 ? Clamp(s, 0, d.size) : Clamp(s, -1, d.size - 1);
  }

  static int64_t End(const EffectiveDim& d, int64_t start, bool offset) {
    if (d.end_mask) return d.stride > 0 ? d.size : -1;
    int64_t e = offset ? d.end + start : d.end;
    if (e < 0) e += d.size;
    return d.stride > 0 ? Clamp(e, 0, d.size) : Clamp(e, -1, d.size - 1);
  }

  // One EffectiveDim per input dimension and new axis, from the specs and masks.
  void Expand(const OpContext& ctx, const tflite::StridedSliceOptions& o) {
    const Shape& in = ctx.input(0)->shape;
    const std::vector<int64_t> in_strides = ContiguousStrides(in);
    const int rank = static_cast<int>(in.size());
    const int specs = ctx.input(1)->shape[0];
    const uint32_t ellipsis = static_cast<uint32_t>(o.ellipsis_mask()), new_axis = static_cast<uint32_t>(o.new_axis_mask());
    auto bit = [](uint32_t mask, int i) { return i >= 0 && i < 32 && ((mask >> i) & 1u) != 0; };
    int added = 0;  // new axes outside an ellipsis
    for (int i = 0; i < specs; ++i) added += !bit(ellipsis, i) && bit(new_axis, i);
    const int dims = rank + added;
    // Which effective dimensions the ellipsis covers (at least one) and which are new axes.
    std::vector<bool> in_ellipsis(static_cast<size_t>(dims), false), is_new(static_cast<size_t>(dims), false);
    int ellipsis_start = dims, expanded = 0;
    for (int i = 0; i < dims;) {
      if (bit(ellipsis, i)) {
        ellipsis_start = i;
        const int end = std::max(i + 1, std::min(i + 1 + added + rank - specs, dims));
        expanded = end - i - 1;
        for (; i < end; ++i) in_ellipsis[static_cast<size_t>(i)] = true;
        continue;
      }
      is_new[static_cast<size_t>(i)] = bit(new_axis, i - expanded);
      ++i;
    }
    const int32_t* begin = ctx.input(1)->data<int32_t>();
    const int32_t* end = ctx.input(2)->data<int32_t>();
    const int32_t* stride = ctx.input(3)->data<int32_t>();
    dims_.assign(static_cast<size_t>(dims), EffectiveDim{});
    counts_.assign(static_cast<size_t>(dims), 1);
    int new_axes = 0, ellipsis_added = 0;
    for (int i = 0; i < dims; ++i) {
      EffectiveDim& d = dims_[static_cast<size_t>(i)];
      if (is_new[static_cast<size_t>(i)] && !in_ellipsis[static_cast<size_t>(i)]) {
        d.end = 1;
        ++new_axes;
        continue;
      }
      const size_t src = static_cast<size_t>(i - new_axes);
      d.size = in[src];
      d.stride_in = in_strides[src];
      if (in_ellipsis[static_cast<size_t>(i)]) {
        ellipsis_added = std::max(0, i - ellipsis_start);
        d.begin_mask = d.end_mask = true;
      } else if (i >= specs + expanded) {
        d.begin_mask = d.end_mask = true;
      } else {
        const int s = i - ellipsis_added;
        d.spec = s;
        d.begin = begin[s];
        d.end = end[s];
        d.stride = stride[s];
        d.begin_mask = bit(static_cast<uint32_t>(o.begin_mask()), s);
        d.end_mask = bit(static_cast<uint32_t>(o.end_mask()), s);
        d.shrink = bit(static_cast<uint32_t>(o.shrink_axis_mask()), s);
      }
    }
  }

  std::vector<EffectiveDim> dims_;
  std::vector<int64_t> counts_;
};

}  // namespace

std::unique_ptr<Kernel> MakeStridedSlice() { return Make<StridedSlice>(); }

}  // namespace litescope
