// The desktop app's window: models in tabs, opened by File → Open, the recent-files menu, the
// command line or drag and drop; a toolbar with zoom, layout direction, constants, overlays and
// search; the loader's error in a dialog (never a crash, never a frozen window).
#pragma once

#include <QMainWindow>

#include "app/core/graph_scene.h"

class QCheckBox;
class QLineEdit;
class QMenu;
class QTabWidget;

namespace litescope {

class ModelTab;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  ModelTab* OpenFile(const QString& path);
  ModelTab* current() const;
  QTabWidget* tabs() const { return tabs_; }
  // Error dialogs are modal by default; tests turn them into status messages.
  void set_quiet_errors(bool quiet) { quiet_errors_ = quiet; }
  const QString& last_error() const { return last_error_; }

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void BuildMenus();
  void ShowError(const QString& title, const QString& message);
  void UpdateRecent(const QString& path);
  void ApplySceneOptions();
  void Search(int step);

  QTabWidget* tabs_;
  QMenu* recent_menu_ = nullptr;
  QLineEdit* search_ = nullptr;
  QCheckBox* regex_ = nullptr;
  SceneOptions options_;
  bool quiet_errors_ = false;
  QString last_error_;
  QString last_search_;
};

}  // namespace litescope
