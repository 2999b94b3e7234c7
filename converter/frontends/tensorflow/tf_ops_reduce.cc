// Reductions over constant axes (Mean, Sum, Max, Min, Prod, keep_dims) and ArgMax / ArgMin.
#include <map>

#include "converter/frontends/tensorflow/tf_op_table.h"

namespace litescope {

Status ConvertTfReduce(TfImporter& im) {
  static const std::map<std::string, tflite::BuiltinOperator> kOps = {
      {"Mean", tflite::BuiltinOperator_MEAN},       {"Sum", tflite::BuiltinOperator_SUM},
      {"Max", tflite::BuiltinOperator_REDUCE_MAX},  {"Min", tflite::BuiltinOperator_REDUCE_MIN},
      {"Prod", tflite::BuiltinOperator_REDUCE_PROD},
  };
  Result<int> axes = ConstI32Input(im, 1);
  if (!axes.ok()) return axes.status();
  tflite::ReducerOptionsT o;
  o.keep_dims = im.Bool("keep_dims", false);
  im.SetOutput(0, im.Emit(kOps.at(im.type()), {im.In(0), *axes}, Options(o)));
  return Status::Ok();
}

Status ConvertTfArgMinMax(TfImporter& im) {
  Result<int> axis = ConstI32Input(im, 1);
  if (!axis.ok()) return axis.status();
  const bool i32 = im.DType("output_type") == tfproto::DT_INT32;
  const tflite::TensorType type = i32 ? tflite::TensorType_INT32 : tflite::TensorType_INT64;
  if (im.type() == "ArgMax") {
    tflite::ArgMaxOptionsT o;
    o.output_type = type;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ARG_MAX, {im.In(0), *axis}, Options(o), type));
  } else {
    tflite::ArgMinOptionsT o;
    o.output_type = type;
    im.SetOutput(0, im.Emit(tflite::BuiltinOperator_ARG_MIN, {im.In(0), *axis}, Options(o), type));
  }
  return Status::Ok();
}

}  // namespace litescope
