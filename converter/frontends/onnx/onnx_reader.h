// Reading ONNX protobufs: the model file (size and parse checks), TensorProto -> little-endian
// bytes (typed fields, raw_data, external data files next to the model), ONNX dtype -> TFLite.
//
//   Result<onnx::ModelProto> m = ReadOnnxModel("net.onnx");
//   Result<OnnxTensor> t = ReadOnnxTensor(m->graph().initializer(0), "/models");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>  // onnx-ml.pb.h (ONNX_ML), with the ONNX_API it needs

#include "converter/ir/graph.h"

namespace litescope {

struct OnnxTensor {
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  ir::Dims dims;
  std::vector<uint8_t> bytes;
};

Result<onnx::ModelProto> ReadOnnxModel(const std::string& path);
// `dir`: where external data files are looked up (the model's folder).
Result<OnnxTensor> ReadOnnxTensor(const onnx::TensorProto& t, const std::string& dir);
// False for ONNX types TFLite has no tensor type for (complex, bfloat16, uint64...).
bool OnnxTypeToTflite(int onnx_type, tflite::TensorType* type);
const char* OnnxTypeName(int onnx_type);

}  // namespace litescope
