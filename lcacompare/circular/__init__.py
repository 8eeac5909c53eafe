"""Material circularity under LCAC-HC/2: the PEF Circular Footprint Formula and the circularity indicators."""
