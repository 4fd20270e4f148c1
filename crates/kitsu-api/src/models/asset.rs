//! Assets and asset types.

use super::*;

model!(
    /// An asset type (Character, Prop…).
    AssetType: AssetTypeId in "asset-types" {
        /// Its name.
        name: String,
    }
);

model!(
    /// An asset.
    Asset: AssetId in "assets" {
        /// Its name.
        name: String,
        /// Its project.
        project_id: Option<ProjectId> => opt_id,
        /// Its asset type.
        entity_type_id: Option<AssetTypeId> => opt_id,
        /// Its description.
        description: Option<String>,
        /// Whether it was (soft) deleted.
        canceled: Option<bool>,
    }
);
