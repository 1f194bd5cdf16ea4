// Anchors the precompiled-header target; it has no code of its own.
#include "core/pch.hpp"
