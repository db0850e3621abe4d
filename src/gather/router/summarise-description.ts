import type {UpnpDeviceSummary} from '../../evidence/router-schema.js'
import {type UpnpDescription, flattenDevices} from '../probes/upnp-description.js'

/** Reduce a parsed description to what the evidence keeps: the root device, every service, and the embedded devices. */
export function summariseDescription(description: UpnpDescription): UpnpDeviceSummary {
  const {root} = description
  const all = flattenDevices(root)
  return {
    deviceType: root.deviceType,
    friendlyName: root.friendlyName,
    manufacturer: root.manufacturer,
    manufacturerURL: root.manufacturerURL,
    modelName: root.modelName,
    modelNumber: root.modelNumber,
    modelDescription: root.modelDescription,
    serialNumber: root.serialNumber,
    presentationURL: root.presentationURL,
    services: all.flatMap((d) => d.services).slice(0, 128),
    embedded: all.slice(1, 33).map((d) => ({deviceType: d.deviceType, manufacturer: d.manufacturer, modelName: d.modelName})),
    systemVersion: description.systemVersion,
  }
}
