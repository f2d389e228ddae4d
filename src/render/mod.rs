//! Drawing egui frames into images without a window: the PNG export and `incident-atlas
//! render` both go through here, so a slide looks the same from the app and from a script.
//!
//! `OffscreenRenderer` owns a wgpu device made without a surface (on a machine without a
//! GPU, Mesa's lavapipe is a Vulkan device too) and egui-wgpu's renderer; `render_frames`
//! runs an egui UI for a few frames and paints the last one into an `RgbaImage`.

pub mod animation;
pub mod handout;
pub mod slide;

use std::iter;
use std::sync::mpsc;
use std::time::Duration;

use eframe::egui_wgpu::{self, wgpu};
use image::RgbaImage;

/// A software renderer can take a while on a 4K frame; a lost device must not hang forever.
const GPU_TIMEOUT: Duration = Duration::from_mins(1);

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "no renderer is available: {0}. Offscreen rendering needs a Vulkan, Metal or DirectX 12 device; \
         on Linux without a GPU install Mesa's software driver (Debian: mesa-vulkan-drivers)"
    )]
    NoRenderer(String),
    #[error("the renderer failed: {0}")]
    Gpu(String),
    #[error("cannot write {file}: {message}")]
    Write { file: String, message: String },
}

impl RenderError {
    /// The exit code of a command that draws, failing with this: 3 when the machine has no
    /// renderer, 1 for anything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            RenderError::NoRenderer(_) => 3,
            RenderError::Gpu(_) | RenderError::Write { .. } => 1,
        }
    }
}

/// A wgpu device and egui's renderer for it, with no window.
pub struct OffscreenRenderer {
    state: egui_wgpu::RenderState,
}

impl OffscreenRenderer {
    /// Finds a device (a real GPU first, then a software one) and sets up egui's renderer.
    pub fn new() -> Result<Self, RenderError> {
        let mut create = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        // Vulkan, Metal or DirectX 12: the GL backend would probe for a display (and log
        // errors about it) on a machine that has none. `WGPU_BACKEND=gl` (etc.) overrides.
        create.instance_descriptor.backends =
            wgpu::Backends::from_env().unwrap_or(wgpu::Backends::PRIMARY);
        let setup = egui_wgpu::WgpuSetup::CreateNew(create);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::default(),
        ))
        .map_err(|e| RenderError::NoRenderer(e.to_string()))?;
        let info = state.adapter.get_info();
        log::info!(
            "offscreen renderer: {} ({:?}, {:?})",
            info.name,
            info.backend,
            info.device_type
        );
        Ok(Self { state })
    }

    /// Runs `ui` for `frames` frames on `ctx` at `size_px` physical pixels on a "screen" of
    /// `pixels_per_point` (egui's zoom factor multiplies it), then paints the last frame. Every frame's texture changes (the
    /// font atlas first of all) are uploaded, so text drawn in any frame renders.
    pub fn render_frames(
        &mut self,
        ctx: &egui::Context,
        size_px: [u32; 2],
        pixels_per_point: f32,
        frames: usize,
        mut ui: impl FnMut(&mut egui::Ui),
    ) -> Result<RgbaImage, RenderError> {
        let mut last = None;
        for frame in 0..frames.max(1) {
            // The screen in points at the scale egui will lay out at (the app's zoom factor
            // times the "screen's" pixels per point), as a windowing integration reports it.
            let points = egui::vec2(size_px[0] as f32, size_px[1] as f32)
                / (pixels_per_point * ctx.zoom_factor());
            let mut viewports = egui::ViewportIdMap::default();
            viewports.insert(
                egui::ViewportId::ROOT,
                egui::ViewportInfo {
                    native_pixels_per_point: Some(pixels_per_point),
                    ..Default::default()
                },
            );
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, points)),
                viewports,
                // A steady clock: every frame 1/60 s after the last, so renders repeat.
                time: Some(frame as f64 / 60.0),
                predicted_dt: 1.0 / 60.0,
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, &mut ui);
            self.upload_textures(&output.textures_delta);
            output.textures_delta.clear();
            last = Some(output);
        }
        let Some(output) = last else {
            return Err(RenderError::Gpu("no frame was drawn".to_owned()));
        };
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        self.paint(&primitives, size_px, output.pixels_per_point)
    }

    fn upload_textures(&mut self, delta: &egui::TexturesDelta) {
        let mut renderer = self.state.renderer.write();
        for (id, images) in &delta.set {
            for image in images {
                renderer.update_texture(&self.state.device, &self.state.queue, *id, image);
            }
        }
        for id in &delta.free {
            renderer.free_texture(id);
        }
    }

    fn paint(
        &mut self,
        primitives: &[egui::ClippedPrimitive],
        size_px: [u32; 2],
        pixels_per_point: f32,
    ) -> Result<RgbaImage, RenderError> {
        let device = &self.state.device;
        let queue = &self.state.queue;
        let screen = egui_wgpu::ScreenDescriptor {
            size_in_pixels: size_px,
            pixels_per_point,
        };
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("slide"),
            size: wgpu::Extent3d {
                width: size_px[0],
                height: size_px[1],
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("slide"),
        });
        let mut renderer = self.state.renderer.write();
        let user_buffers =
            renderer.update_buffers(device, queue, &mut encoder, primitives, &screen);
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("slide"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            // Opaque: a PNG for slides must not be see-through where egui
                            // paints nothing.
                            load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, primitives, &screen);
        }
        drop(renderer);
        queue.submit(user_buffers.into_iter().chain(iter::once(encoder.finish())));
        self.read_back(&texture)
    }

    /// Copies the texture into memory, row by row (wgpu pads rows to 256 bytes).
    fn read_back(&self, texture: &wgpu::Texture) -> Result<RgbaImage, RenderError> {
        let device = &self.state.device;
        let (width, height) = (texture.width(), texture.height());
        let row = width as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded_row = row.div_ceil(align) * align;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("slide read-back"),
            size: (padded_row * height as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("slide read-back"),
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded_row as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        let submission = self.state.queue.submit(iter::once(encoder.finish()));
        let slice = buffer.slice(..);
        let (send, receive) = mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| drop(send.send(result)));
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: Some(GPU_TIMEOUT),
            })
            .map_err(|e| RenderError::Gpu(e.to_string()))?;
        receive
            .recv()
            .map_err(|e| RenderError::Gpu(e.to_string()))?
            .map_err(|e| RenderError::Gpu(e.to_string()))?;
        let mapped = slice
            .get_mapped_range()
            .map_err(|e| RenderError::Gpu(e.to_string()))?;
        let mut pixels = Vec::with_capacity(row * height as usize);
        for line in mapped.chunks_exact(padded_row) {
            pixels.extend(line.iter().take(row));
        }
        drop(mapped);
        buffer.unmap();
        if self.state.target_format == wgpu::TextureFormat::Bgra8Unorm {
            for px in pixels.chunks_exact_mut(4) {
                px.swap(0, 2);
            }
        }
        RgbaImage::from_raw(width, height, pixels)
            .ok_or_else(|| RenderError::Gpu("the image has the wrong size".to_owned()))
    }
}

/// Writes an image as PNG, atomically: an existing file is replaced whole or not at all, and
/// nothing but the file itself is created.
pub fn write_png(image: &RgbaImage, path: &std::path::Path) -> Result<(), RenderError> {
    let error = |message: String| RenderError::Write {
        file: path.display().to_string(),
        message,
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|e| error(e.to_string()))?;
    atlas_core::io::atomic::write_atomically(path, bytes.get_ref())
        .map_err(|e| error(e.to_string()))
}
