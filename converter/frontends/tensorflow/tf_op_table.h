// The TensorFlow op table: op type -> the function that converts it (defined in the op-family
// files, tf_ops_<family>.cc). An op not listed here is unsupported (or a CUSTOM op with
// --allow-custom-ops). Placeholder, Const, variables and Identity-like ops are handled by the
// front end itself (tf_frontend.cc, tf_flatten.cc).
#pragma once

#include <string>
#include <vector>

#include "converter/frontends/tensorflow/tf_importer.h"

namespace litescope {

using TfConverter = Status (*)(TfImporter&);

// Null for an op the table does not claim.
TfConverter FindTfConverter(const std::string& op);
std::vector<std::string> TfClaimedOps();

// tf_ops_conv.cc
Status ConvertTfConv2D(TfImporter& im);
Status ConvertTfDepthwiseConv(TfImporter& im);
Status ConvertTfConv2DBackpropInput(TfImporter& im);
Status ConvertTfMatMul(TfImporter& im);        // MatMul BatchMatMul BatchMatMulV2
Status ConvertTfPool(TfImporter& im);          // MaxPool AvgPool
// tf_ops_control.cc
Status ConvertTfWhile(TfImporter& im);         // While StatelessWhile
Status ConvertTfIf(TfImporter& im);            // If StatelessIf
// tf_ops_elementwise.cc
Status ConvertTfBinary(TfImporter& im);        // Add AddV2 Sub Mul RealDiv Maximum Minimum ...
Status ConvertTfUnary(TfImporter& im);         // Relu Relu6 Elu Sigmoid Tanh Square Sqrt Rsqrt Exp Log Abs Neg Floor
Status ConvertTfLeakyRelu(TfImporter& im);
Status ConvertTfSoftmax(TfImporter& im);       // Softmax LogSoftmax
Status ConvertTfBiasAdd(TfImporter& im);
Status ConvertTfFusedBatchNorm(TfImporter& im);  // FusedBatchNorm FusedBatchNormV2 FusedBatchNormV3
Status ConvertTfSelect(TfImporter& im);        // Select SelectV2
Status ConvertTfCast(TfImporter& im);
// tf_ops_reduce.cc
Status ConvertTfReduce(TfImporter& im);        // Mean Sum Max Min Prod
Status ConvertTfArgMinMax(TfImporter& im);     // ArgMax ArgMin
// tf_ops_shape.cc
Status ConvertTfReshape(TfImporter& im);
Status ConvertTfSqueeze(TfImporter& im);
Status ConvertTfExpandDims(TfImporter& im);
Status ConvertTfConcat(TfImporter& im);        // ConcatV2
Status ConvertTfSplit(TfImporter& im);         // Split SplitV
Status ConvertTfPack(TfImporter& im);
Status ConvertTfUnpack(TfImporter& im);
Status ConvertTfTranspose(TfImporter& im);
Status ConvertTfStridedSlice(TfImporter& im);
Status ConvertTfSlice(TfImporter& im);
Status ConvertTfGather(TfImporter& im);        // GatherV2
Status ConvertTfShape(TfImporter& im);
Status ConvertTfFill(TfImporter& im);
Status ConvertTfRange(TfImporter& im);
Status ConvertTfTile(TfImporter& im);
// tf_ops_spatial.cc
Status ConvertTfPad(TfImporter& im);           // Pad PadV2 MirrorPad
Status ConvertTfResize(TfImporter& im);        // ResizeBilinear ResizeNearestNeighbor
Status ConvertTfSpaceBatch(TfImporter& im);    // SpaceToBatchND BatchToSpaceND
Status ConvertTfDepthSpace(TfImporter& im);    // DepthToSpace SpaceToDepth

// Shared by the op families: TensorFlow's NCHW data_format wrapped in TRANSPOSEs (a later pass
// cancels them), and int32 constants from constant inputs.
bool IsNchw(TfImporter& im);
int NchwToNhwc(TfImporter& im, int v);
int NhwcToNchw(TfImporter& im, int v);
Result<int> ConstI32Input(TfImporter& im, int input);

}  // namespace litescope
