// A constant tensor up close: statistics, a histogram of its values (dequantized, or the stored
// integers), per-channel ranges and scales for per-channel tensors, a paged table of values, and
// Save as .npy.
#pragma once

#include <QDialog>

#include "app/core/tensor_stats.h"
#include "engine/model/model.h"

class QCheckBox;
class QLabel;
class QCustomPlot;
class QTableView;

namespace litescope {

class TensorViewer : public QDialog {
  Q_OBJECT

 public:
  static constexpr int kBins = 64;

  // The tensor must have constant data (the caller checks).
  TensorViewer(const TensorView& tensor, QWidget* parent = nullptr);

  // What the histogram shows now (for tests).
  const Histogram& histogram() const { return histogram_; }
  void ShowRaw(bool raw);

 private:
  void Refresh();
  void SaveNpy();

  TensorView tensor_;
  bool quantized_ = false;
  TensorValues real_, raw_;
  Histogram histogram_;
  QLabel* stats_;
  QCheckBox* raw_box_;
  QCustomPlot* plot_;
  QTableView* table_;
};

}  // namespace litescope
