// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    otzone_studio::choose_webkit_renderer();
    otzone_studio::run();
}
