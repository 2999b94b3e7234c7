// RESHAPE: the same elements under a new shape, taken from input 1 when it is given (one -1 is
// inferred) or else from the new_shape option.
#include <cstring>

#include "engine/kernels/reference/reference_ops.h"

namespace litescope {
namespace {

class Reshape : public Kernel {
 public:
  Status Prepare(OpContext& ctx) override {
    const Tensor* shape = ctx.input(1);
    if (shape != nullptr && !ctx.input_is_constant(1)) {
      ctx.SetOutputDynamic(0);
      return CheckTypes(ctx);
    }
    Shape out;
    LITESCOPE_RETURN_IF_ERROR(NewShape(ctx, &out));
    LITESCOPE_RETURN_IF_ERROR(CheckTypes(ctx));
    return ctx.ResizeOutput(0, std::move(out));
  }

  Status Eval(OpContext& ctx) override {
    if (ctx.input(1) != nullptr && !ctx.input_is_constant(1)) {
      Shape out;
      LITESCOPE_RETURN_IF_ERROR(NewShape(ctx, &out));
      LITESCOPE_RETURN_IF_ERROR(ctx.ResizeDynamicOutput(0, std::move(out)));
    }
    const Tensor& in = *ctx.input(0);
    if (ctx.output(0)->raw() != in.raw()) std::memcpy(ctx.output(0)->raw(), in.raw(), in.bytes());
    return Status::Ok();
  }

 private:
  static Status CheckTypes(const OpContext& ctx) {
    const Tensor* in = ctx.input(0);
    if (in == nullptr) return ctx.Error("needs an input");
    if (ElementSize(in->type) == 0) return ctx.Error("cannot reshape tensors of this type");
    return Status::Ok();
  }

  static Status NewShape(const OpContext& ctx, Shape* out) {
    const Tensor* shape = ctx.input(1);
    if (shape != nullptr && shape->type != tflite::TensorType_INT32) return ctx.Error("the shape input must be INT32");
    // As in TFLite, a shape input of rank 0 means "use the option".
    if (shape != nullptr && !shape->shape.empty()) {
      out->assign(shape->data<int32_t>(), shape->data<int32_t>() + shape->elements());
    } else if (const auto* o = ctx.options<tflite::ReshapeOptions>(); o != nullptr && o->new_shape()) {
      out->assign(o->new_shape()->begin(), o->new_shape()->end());
    } else {
      return ctx.Error("has neither a shape input nor a new_shape option");
    }
    const int64_t elements = ctx.input(0)->elements();
    int64_t known = 1;
    int infer = -1;
    for (size_t i = 0; i < out->size(); ++i) {
      int32_t d = (*out)[i];
      if (d == -1) {
        if (infer >= 0) return ctx.Error("the new shape " + ShapeString(*out) + " has more than one -1");
        infer = static_cast<int>(i);
      } else if (d < 0) {
        return ctx.Error("the new shape " + ShapeString(*out) + " has a negative dimension");
      } else {
        known *= d;
        if (known > elements && elements > 0) break;
      }
    }
    if (infer >= 0) {
      if (known == 0 || elements % known != 0) {
        return ctx.Error("cannot infer the -1 in " + ShapeString(*out) + " for " + std::to_string(elements) + " elements");
      }
      (*out)[static_cast<size_t>(infer)] = static_cast<int32_t>(elements / known);
      known = elements;
    }
    if (known != elements) {
      return ctx.Error("cannot reshape " + ShapeString(ctx.input(0)->shape) + " (" + std::to_string(elements) +
                       " elements) to " + ShapeString(*out));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<Kernel> MakeReshape() { return Make<Reshape>(); }

}  // namespace litescope
